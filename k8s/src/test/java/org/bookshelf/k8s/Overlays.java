package org.bookshelf.k8s;

import java.util.List;

/** The overlays under k8s/overlays, each rendered and checked by every test. */
public final class Overlays {

  public static final String LOCAL = "local";
  public static final String PRODUCTION = "production";
  public static final List<String> ALL = List.of(LOCAL, PRODUCTION);
  /** Overlays that run the base's single PostgreSQL pod (and its pg_dump CronJob). */
  public static final List<String> HAND_MADE_POSTGRES = List.of(LOCAL);
  /** Overlays whose database is a CloudNativePG Cluster (overlays/production/database.yaml). */
  public static final List<String> CLOUDNATIVE_PG = List.of(PRODUCTION);

  /**
   * Secrets an overlay expects to exist in the cluster instead of rendering them (production
   * keeps credentials out of git; the README shows how to create them).
   */
  public static List<String> externalSecrets(String overlay) {
    // books-db-app: made by the CloudNativePG operator for the Cluster's owner.
    return overlay.equals(PRODUCTION) ? List.of("books-db-app", "gateway-api-keys") : List.of();
  }

  private Overlays() {}
}

package org.bookshelf.k8s;

import java.util.List;

/** The overlays under k8s/overlays, each rendered and checked by every test. */
public final class Overlays {

  public static final String LOCAL = "local";
  public static final String PRODUCTION = "production";
  public static final List<String> ALL = List.of(LOCAL, PRODUCTION);

  /**
   * Secrets an overlay expects to exist in the cluster instead of rendering them (production
   * keeps credentials out of git; the README shows how to create them).
   */
  public static List<String> externalSecrets(String overlay) {
    return overlay.equals(PRODUCTION) ? List.of("postgres-credentials", "gateway-api-keys") : List.of();
  }

  private Overlays() {}
}

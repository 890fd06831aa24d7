package org.bookshelf.k8s;

import java.util.Map;

/** Which workload runs which image the build produces, and its container port. */
public final class Apps {

  public static final String BOOKS_SERVICE = "books-service";
  public static final String BOOKS_WEB = "books-web";
  public static final String GATEWAY = "gateway";
  public static final String POSTGRES = "postgres";

  /** Workload name → image name the build produces (without registry prefix and tag). */
  public static final Map<String, String> BUILT_IMAGES =
      Map.of(BOOKS_SERVICE, "books-service", BOOKS_WEB, "books-web", GATEWAY, "books-gateway");

  /** The public twin of the build's PostgreSQL base (parent POM: base.image.postgres). */
  public static final String POSTGRES_IMAGE = "postgres:16";

  private Apps() {}
}

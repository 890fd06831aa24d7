package org.bookshelf.k8s;

/** The workloads the tests name where they state the design (flows, wiring). */
public final class Apps {

  public static final String BOOKS_SERVICE = "books-service";
  public static final String BOOKS_WEB = "books-web";
  public static final String GATEWAY = "gateway";
  public static final String POSTGRES = "postgres";
  public static final String TOKEN_VERIFIER = "token-verifier";
  /** The identity provider (Keycloak): in the base and the local overlay, not in production. */
  public static final String IDENTITY = "identity";

  /** The public twin of the build's PostgreSQL base (parent POM: base.image.postgres). */
  public static final String POSTGRES_IMAGE = "postgres:16";

  private Apps() {}
}

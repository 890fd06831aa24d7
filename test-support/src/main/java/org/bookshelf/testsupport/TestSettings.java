package org.bookshelf.testsupport;

import org.testcontainers.utility.DockerImageName;

/**
 * What the build tells the tests: base images (public or offline, per the offline-bases
 * profile), the names of the images the build produced, and whether missing tools fail the
 * tests. Maven passes them as system properties (the parent POM's {@code argLine}, read by
 * surefire and failsafe alike).
 */
public final class TestSettings {

  /** The environment switch that makes missing tools fail instead of skip (CI sets it). */
  public static final String REQUIRE_TOOLS_ENV = "BOOKSHELF_REQUIRE_TOOLS";

  private TestSettings() {}

  /**
   * True when a test whose tool (Docker, Chromium, nginx, kubectl) is missing must fail instead
   * of skipping: {@code -Dbookshelf.requireTools=true} or {@code BOOKSHELF_REQUIRE_TOOLS=true}.
   */
  public static boolean toolsRequired() {
    return Boolean.parseBoolean(System.getProperty("bookshelf.requireTools", "false"))
        || Boolean.parseBoolean(System.getenv(REQUIRE_TOOLS_ENV));
  }

  /** PostgreSQL base, usable by Testcontainers' PostgreSQL module whatever its name. */
  public static DockerImageName postgresImage() {
    return DockerImageName.parse(property("bookshelf.image.postgres", "postgres:16"))
        .asCompatibleSubstituteFor("postgres");
  }

  /** nginx base, as a name for a Dockerfile's FROM line. */
  public static String nginxImage() {
    return property("bookshelf.image.nginx", "nginx:1.28");
  }

  /** Prometheus for the observability profile (public, or the Debian stand-in). */
  public static String prometheusImage() {
    return property("bookshelf.image.prometheus", "prom/prometheus:v2.53.4");
  }

  /** The stub_status exporter for the observability profile. */
  public static String nginxExporterImage() {
    return property("bookshelf.image.nginx-exporter", "nginx/nginx-prometheus-exporter:1.4.2");
  }

  /** JRE base as Jib names it (the offline one carries Jib's {@code docker://} prefix). */
  public static String jreImage() {
    return property("bookshelf.image.jre", "eclipse-temurin:17-jre");
  }

  /** An image this build produces, e.g. {@code books-service}, with registry prefix and tag. */
  public static DockerImageName projectImage(String name) {
    return DockerImageName.parse(
        property("bookshelf.image.registry", "")
            + name
            + ":"
            + property("bookshelf.image.tag", "0.1.0-SNAPSHOT"));
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

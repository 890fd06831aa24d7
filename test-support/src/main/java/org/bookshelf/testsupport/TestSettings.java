package org.bookshelf.testsupport;

import org.testcontainers.utility.DockerImageName;

/**
 * What the build tells the tests: base images (public or offline, per the offline-bases
 * profile), the names of the images the build produced, and whether Docker is required.
 * Maven passes them as system properties (parent POM, surefire and failsafe configuration).
 */
public final class TestSettings {

  private TestSettings() {}

  public static boolean dockerRequired() {
    return Boolean.parseBoolean(System.getProperty("bookshelf.docker.required", "false"))
        || Boolean.parseBoolean(System.getenv("BOOKSHELF_REQUIRE_DOCKER"));
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

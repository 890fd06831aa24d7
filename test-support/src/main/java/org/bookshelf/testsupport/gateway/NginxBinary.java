package org.bookshelf.testsupport.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real nginx binary: {@code NGINX_BIN}, then the PATH, then {@code /usr/sbin/nginx}.
 * Without one the tests that need it are skipped loudly, or fail when the build requires them
 * ({@code BOOKSHELF_REQUIRE_NGINX=true}, or CI's {@code BOOKSHELF_REQUIRE_DOCKER=true}).
 */
public final class NginxBinary {

  private NginxBinary() {}

  public static Path require() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        "These tests run the real nginx binary and none was found (NGINX_BIN, PATH, "
            + "/usr/sbin/nginx). Install it (apt-get install nginx-light) or set NGINX_BIN.";
    if (required()) {
      throw new IllegalStateException(message);
    }
    System.err.printf("%n*** SKIPPED: %s ***%n%n", message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static boolean required() {
    return Boolean.parseBoolean(System.getenv("BOOKSHELF_REQUIRE_NGINX"))
        || TestSettings.dockerRequired();
  }

  private static Optional<Path> find() {
    String explicit = System.getenv("NGINX_BIN");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            Stream.of(path.split(":")).filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "nginx")),
            Stream.of(Path.of("/usr/sbin/nginx")))
        .filter(Files::isExecutable)
        .findFirst();
  }
}

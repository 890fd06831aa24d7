package org.bookshelf.testsupport.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.bookshelf.testsupport.MissingTool;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real nginx binary: {@code NGINX_BIN}, then the PATH, then {@code /usr/sbin/nginx}.
 * Without one the tests that need it are skipped loudly, or fail when the build requires every tool
 * ({@code BOOKSHELF_REQUIRE_TOOLS=true}, as CI does; see {@link MissingTool}).
 */
public final class NginxBinary {

  private NginxBinary() {}

  public static Path require() {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String skipped =
        MissingTool.skipOrFail(
                "The tests that run the gateway config",
                "run the real nginx binary and none was found (NGINX_BIN, PATH, /usr/sbin/nginx)",
                "apt-get install nginx-light, or set NGINX_BIN")
            .getReason()
            .orElseThrow();
    Assumptions.abort(skipped);
    throw new AssertionError("unreachable");
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

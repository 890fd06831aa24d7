package org.bookshelf.testsupport.gateway;

import java.nio.file.Path;
import java.util.Optional;
import org.bookshelf.testsupport.Executables;
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
    return Executables.find("NGINX_BIN", "nginx", Path.of("/usr/sbin/nginx"));
  }
}

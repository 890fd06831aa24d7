package org.bookshelf.testsupport.gateway;

import java.nio.file.Path;
import org.bookshelf.testsupport.Executables;
import org.bookshelf.testsupport.MissingTool;

/**
 * Finds the real nginx binary: {@code NGINX_BIN}, then the PATH, then {@code /usr/sbin/nginx}.
 * Without one the tests that need it are skipped loudly, or fail when the build requires every tool
 * ({@code BOOKSHELF_REQUIRE_TOOLS=true}, as CI does; see {@link MissingTool}).
 */
public final class NginxBinary {

  private NginxBinary() {}

  public static Path require() {
    return Executables.require(
        "NGINX_BIN",
        "nginx",
        "The tests that run the gateway config",
        "run the real nginx binary",
        "apt-get install nginx-light, or set NGINX_BIN",
        Path.of("/usr/sbin/nginx"));
  }
}

package org.bookshelf.gateway;

import java.nio.file.Path;

/** Where the gateway module's real files are: config sources, render script, default keys. */
final class GatewayFiles {

  private GatewayFiles() {}

  static Path moduleDir() {
    return Path.of(System.getProperty("bookshelf.gateway.dir", ".")).toAbsolutePath();
  }

  static Path configSource() {
    return moduleDir().resolve("nginx");
  }

  static Path renderScript() {
    return moduleDir().resolve("render-config.sh");
  }

  static Path defaultKeysFile() {
    return moduleDir().resolve("secrets/api-keys.map");
  }
}

package org.bookshelf.gateway;

import java.nio.file.Path;

/** Where the gateway module's real files are: config sources, render script, the local key file. */
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

  /** The key file compose mounts (config/api-keys.map, key {@code bookshelf-local-key}). */
  static Path localKeysFile() {
    return moduleDir().resolve("../config/api-keys.map").normalize();
  }
}

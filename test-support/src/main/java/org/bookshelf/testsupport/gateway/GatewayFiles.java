package org.bookshelf.testsupport.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the gateway module's real files are: config sources, render script, default keys. The
 * module is {@code bookshelf.gateway.dir} when set (the gateway module's own build sets it), else
 * the first {@code gateway/} with a {@code render-config.sh} above the working directory, so any
 * module of this repository finds the shipped config without a copy.
 */
public record GatewayFiles(Path moduleDir) {

  private static final String RENDER_SCRIPT = "render-config.sh";

  public static GatewayFiles locate() {
    String explicit = System.getProperty("bookshelf.gateway.dir");
    if (explicit != null && !explicit.isBlank()) {
      return new GatewayFiles(Path.of(explicit).toAbsolutePath());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : new Path[] {dir, dir.resolve("gateway")}) {
        if (Files.isRegularFile(candidate.resolve(RENDER_SCRIPT))
            && Files.isDirectory(candidate.resolve("nginx"))) {
          return new GatewayFiles(candidate);
        }
      }
    }
    throw new IllegalStateException(
        "The gateway module (gateway/" + RENDER_SCRIPT + ") was not found above "
            + Path.of("").toAbsolutePath() + "; set -Dbookshelf.gateway.dir=<path to gateway>");
  }

  /**
   * A copy of the render script and the config sources in {@code dir}, for a test that adds or
   * changes a file (a route declaration, say) without touching the shipped ones.
   */
  public GatewayFiles copyTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.copy(renderScript(), dir.resolve(RENDER_SCRIPT));
      try (Stream<Path> files = Files.walk(configSource())) {
        for (Path file : files.toList()) {
          Path target = dir.resolve("nginx").resolve(configSource().relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      return new GatewayFiles(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path configSource() {
    return moduleDir.resolve("nginx");
  }

  public Path renderScript() {
    return moduleDir.resolve(RENDER_SCRIPT);
  }

  /**
   * The key file compose mounts for a local run ({@code config/api-keys.map} beside the gateway
   * module, key {@code bookshelf-local-key}); the image itself ships none.
   */
  public Path localKeysFile() {
    return moduleDir.resolve("../config/api-keys.map").normalize();
  }
}

package org.bookshelf.system.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests use: the compose files and the stack's API keys. */
public final class ProjectFiles {

  private ProjectFiles() {}

  /** The repository root (failsafe passes it; running from the module directory works too). */
  public static Path root() {
    String configured = System.getProperty("bookshelf.root.dir");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("no docker-compose.yml in " + root + " (bookshelf.root.dir)");
    }
    return root;
  }

  public static Path composeFile() {
    return root().resolve("docker-compose.yml");
  }

  public static Path postgresComposeFile() {
    return root().resolve("docker-compose.postgres.yml");
  }

  /** The key file the compose stack mounts into the gateway. */
  public static Path apiKeysFile() {
    return root().resolve("config/api-keys.map");
  }
}

package org.bookshelf.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds a tool the tests run: the path an environment variable names, else the PATH, else fallbacks. */
public final class Executables {

  private Executables() {}

  public static Optional<Path> find(String variable, String name, Path... fallbacks) {
    String explicit = System.getenv(variable);
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    return Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)),
            Stream.of(fallbacks))
        .filter(Files::isExecutable)
        .findFirst();
  }
}

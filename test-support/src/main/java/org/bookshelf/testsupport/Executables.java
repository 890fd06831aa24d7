package org.bookshelf.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

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

  /**
   * {@link #find}, or, when nothing is found, skips the calling test (a JUnit assumption) with a
   * loud line, or fails it under BOOKSHELF_REQUIRE_TOOLS=true ({@link MissingTool}).
   *
   * @param test who needs it, e.g. "The Prometheus rule tests"
   * @param needs what for, e.g. "run promtool"; the places looked in are appended
   * @param fix how to get it, e.g. "apt-get install prometheus, or set PROMTOOL"
   */
  public static Path require(
      String variable, String name, String test, String needs, String fix, Path... fallbacks) {
    Optional<Path> found = find(variable, name, fallbacks);
    if (found.isPresent()) {
      return found.get();
    }
    String looked =
        Stream.concat(Stream.of(variable, "PATH"), Stream.of(fallbacks).map(Path::toString))
            .collect(Collectors.joining(", "));
    String skipped =
        MissingTool.skipOrFail(test, needs + " and none was found (" + looked + ")", fix)
            .getReason()
            .orElseThrow();
    Assumptions.abort(skipped);
    throw new AssertionError("unreachable: abort throws");
  }
}

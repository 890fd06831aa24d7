package org.bookshelf.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bookshelf.testsupport.Executables;
import org.bookshelf.testsupport.MissingTool;
import org.junit.jupiter.api.Assumptions;

/**
 * The real promtool: {@code PROMTOOL}, else the PATH (Debian's {@code prometheus} package, which
 * .ci/run installs). Without it the tests are skipped loudly, or fail under
 * BOOKSHELF_REQUIRE_TOOLS=true.
 */
final class Promtool {

  record Result(int exitCode, String output) {}

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  static Promtool require() {
    Optional<Path> found = find();
    if (found.isEmpty()) {
      String reason =
          MissingTool.skipOrFail(
                  "The Prometheus rule tests",
                  "run promtool and none was found (PROMTOOL, PATH)",
                  "apt-get install prometheus (it ships promtool), or set PROMTOOL")
              .getReason()
              .orElseThrow();
      Assumptions.abort(reason);
    }
    return new Promtool(found.orElseThrow());
  }

  Result run(Path workDir, String... args) {
    var command = new ArrayList<String>(List.of(binary.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Result(process.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("promtool did not start: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> find() {
    return Executables.find("PROMTOOL", "promtool");
  }
}

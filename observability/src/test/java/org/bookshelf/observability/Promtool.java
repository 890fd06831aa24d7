package org.bookshelf.observability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;
import org.bookshelf.testsupport.Executables;

/**
 * The real promtool: {@code PROMTOOL}, else the PATH (Debian's {@code prometheus} package, which
 * .ci/run installs). Without it the tests are skipped loudly, or fail under
 * BOOKSHELF_REQUIRE_TOOLS=true.
 */
final class Promtool {

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  static Promtool require() {
    return new Promtool(
        Executables.require(
            "PROMTOOL",
            "promtool",
            "The Prometheus rule tests",
            "run promtool",
            "apt-get install prometheus (it ships promtool), or set PROMTOOL"));
  }

  /** @throws org.bookshelf.testsupport.CommandTimedOut when it takes over 120 s */
  CommandResult run(Path workDir, String... args) {
    var command = new ArrayList<String>(List.of(binary.toString()));
    command.addAll(List.of(args));
    return Command.of(command).in(workDir).mergingErrors().within(Duration.ofSeconds(120)).run();
  }
}

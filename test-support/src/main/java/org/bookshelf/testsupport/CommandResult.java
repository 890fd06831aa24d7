package org.bookshelf.testsupport;

import java.util.List;

/**
 * How a {@link Command} ended: its exit code and what it wrote (stderr empty when merged into
 * stdout).
 */
public record CommandResult(List<String> line, int exitCode, String stdout, String stderr) {

  public CommandResult {
    line = List.copyOf(line);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Everything it wrote: stdout, then stderr. */
  public String output() {
    return stdout + stderr;
  }

  /** This result when it exited 0, else a failure naming the line, the exit code and the output. */
  public CommandResult orThrow() {
    if (!succeeded()) {
      throw new IllegalStateException(String.join(" ", line) + " exited " + exitCode + ":\n" + output());
    }
    return this;
  }
}

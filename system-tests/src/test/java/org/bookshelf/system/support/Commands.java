package org.bookshelf.system.support;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;

/** Runs a command line and returns its exit code and output (stdout and stderr together). */
public final class Commands {

  public record Result(int exitCode, String output) {
    public Result orThrow(List<String> command) {
      if (exitCode != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  private Commands() {}

  /** Runs {@code command} with this process's environment plus {@code env}. */
  public static Result run(List<String> command, Path directory, Map<String, String> env, long timeoutSeconds) {
    return result(Command.of(command).withEnvironment(env), directory, timeoutSeconds);
  }

  /** Runs {@code command} with exactly {@code environment}, nothing inherited. */
  public static Result runIn(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds) {
    return result(Command.of(command).withOnlyEnvironment(environment), directory, timeoutSeconds);
  }

  /** @throws org.bookshelf.testsupport.CommandTimedOut naming the command, with its last output */
  private static Result result(Command command, Path directory, long timeoutSeconds) {
    try {
      CommandResult result =
          command.in(directory).mergingErrors().within(Duration.ofSeconds(timeoutSeconds)).run();
      return new Result(result.exitCode(), result.stdout());
    } catch (UncheckedIOException e) {
      // As a shell reports a program it cannot run.
      return new Result(127, "cannot run " + command.line().get(0) + ": " + e.getCause().getMessage());
    }
  }
}

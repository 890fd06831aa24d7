package org.bookshelf.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(env);
    return runIn(command, directory, environment, timeoutSeconds);
  }

  /** Runs {@code command} with exactly {@code environment}, nothing inherited. */
  public static Result runIn(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds) {
    try {
      // Output goes to a file, so a chatty command can never block on a full pipe.
      Path output = Files.createTempFile("bookshelf-command", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      return new Result(127, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

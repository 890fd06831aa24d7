package org.bookshelf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command line the tests run, with its working directory, environment and timeout.
 *
 * <p>Output goes to temporary files, never a pipe the caller reads first: reading a pipe to its
 * end before {@code waitFor(timeout)} waits as long as the process lives, so such a timeout can
 * never fire. Here it does, and the process (and its children) is ended: politely, then forcibly
 * after a grace.
 *
 * @param line the program and its arguments
 * @param directory where it runs, or null for this JVM's working directory
 * @param environment variables set (or, when {@code inherit} is false, the whole environment)
 * @param inherit whether the process starts from this JVM's environment
 * @param mergeErrors whether stderr goes into stdout, in order ({@link CommandResult#stderr()} empty)
 */
public record Command(
    List<String> line,
    Path directory,
    Map<String, String> environment,
    boolean inherit,
    boolean mergeErrors,
    Duration timeout) {

  /** How long a process gets to exit on SIGTERM before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(5);

  /** How much of the output a timeout's message quotes. */
  static final int TAIL_CHARS = 2_000;

  public Command {
    line = List.copyOf(line);
    environment = Map.copyOf(environment);
    if (line.isEmpty()) {
      throw new IllegalArgumentException("no command");
    }
  }

  /** {@code line} in this JVM's directory and environment, stderr apart, within 60 s. */
  public static Command of(List<String> line) {
    return new Command(line, null, Map.of(), true, false, Duration.ofSeconds(60));
  }

  public static Command of(String... line) {
    return of(List.of(line));
  }

  public Command in(Path directory) {
    return new Command(line, directory, environment, inherit, mergeErrors, timeout);
  }

  /** This JVM's environment plus {@code changes}. */
  public Command withEnvironment(Map<String, String> changes) {
    var merged = new HashMap<>(environment);
    merged.putAll(changes);
    return new Command(line, directory, merged, inherit, mergeErrors, timeout);
  }

  /** Exactly {@code environment}, nothing inherited. */
  public Command withOnlyEnvironment(Map<String, String> environment) {
    return new Command(line, directory, environment, false, mergeErrors, timeout);
  }

  /** stderr into stdout, interleaved as the process wrote them. */
  public Command mergingErrors() {
    return new Command(line, directory, environment, inherit, true, timeout);
  }

  public Command within(Duration timeout) {
    return new Command(line, directory, environment, inherit, mergeErrors, timeout);
  }

  /** The line as a shell would show it, for messages. */
  public String display() {
    return String.join(" ", line);
  }

  /**
   * Runs it to the end and returns how it ended, whatever the exit code.
   *
   * @throws CommandTimedOut when it outlives the timeout (it is ended first)
   * @throws UncheckedIOException when it cannot be started (e.g. the program is not installed)
   */
  public CommandResult run() {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("bookshelf-command", ".out");
      stderr = Files.createTempFile("bookshelf-command", ".err");
      Process process = start(stdout, stderr);
      if (!finished(process)) {
        end(process);
        throw new CommandTimedOut(this, tail(read(stdout) + read(stderr)));
      }
      return new CommandResult(line, process.exitValue(), read(stdout), read(stderr));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + display() + ": " + e.getMessage(), e);
    } finally {
      delete(stdout);
      delete(stderr);
    }
  }

  private Process start(Path stdout, Path stderr) throws IOException {
    var builder = new ProcessBuilder(new ArrayList<>(line)).redirectOutput(stdout.toFile());
    if (mergeErrors) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(stderr.toFile());
    }
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    if (!inherit) {
      builder.environment().clear();
    }
    builder.environment().putAll(environment);
    return builder.start();
  }

  private boolean finished(Process process) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      end(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + display(), e);
    }
  }

  /** SIGTERM to it and its children (a script's children outlive it otherwise), then SIGKILL. */
  private static void end(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(String output) {
    return output.length() <= TAIL_CHARS ? output : "..." + output.substring(output.length() - TAIL_CHARS);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void delete(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }

  /** For messages: the line. */
  @Override
  public String toString() {
    return display();
  }
}

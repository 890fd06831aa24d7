package org.bookshelf.service;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Standard output for log lines, buffered and flushed every {@link #FLUSH_INTERVAL_MS} ms and at
 * JVM exit. Flushing every line (logback's console appender) cost one {@code write} system call
 * per request; under load this batches many lines into one. A line then appears at most that
 * long after it was logged. Whole lines only: {@link BufferedOutputStream} empties itself before
 * a line that would not fit, so a reader never sees half a line.
 */
final class BufferedStdout extends OutputStream {

  static final long FLUSH_INTERVAL_MS = 100;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final BufferedOutputStream out;
  private final ScheduledExecutorService flusher;

  BufferedStdout() {
    this.out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER_BYTES);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "log-flush");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    // The last lines of a process (shutdown, a startup failure) must not stay in the buffer.
    Runtime.getRuntime().addShutdownHook(new Thread(this::flushQuietly, "log-flush-at-exit"));
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length); // BufferedOutputStream is synchronized: safe with the flusher
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Stops the timer and flushes; standard output itself stays open for the rest of the JVM. */
  @Override
  public void close() throws IOException {
    flusher.shutdownNow();
    out.flush();
  }

  private void flushQuietly() {
    try {
      out.flush();
    } catch (IOException brokenStdout) {
      // Nowhere to report it; logback reports the failure of its next write itself.
    }
  }
}

package org.bookshelf.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the long-running tools a test starts (nginx, mtail): they clean up on SIGTERM. */
public final class Processes {

  private Processes() {}

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
  public static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package org.bookshelf.system.support;

import java.time.Duration;

/** A deliberate wait in a test (pacing, letting a fault settle), interruptible. */
public final class Pause {

  private Pause() {}

  public static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package org.bookshelf.service;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful shutdown and exit code 0. A plain JVM shutdown hook
 * would exit 143 on SIGTERM, which orchestrators and compose report as a failure.
 */
public final class SignalExit {

  private SignalExit() {}

  public static void install(GracefulShutdown shutdown) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            // Leave the signal dispatcher thread at once; the drain may take seconds.
            Thread stopper =
                new Thread(
                    () -> {
                      shutdown.run();
                      System.exit(0);
                    },
                    "shutdown");
            stopper.start();
          });
    }
  }
}

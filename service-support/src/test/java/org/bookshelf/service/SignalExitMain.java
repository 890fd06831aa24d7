package org.bookshelf.service;

import io.javalin.Javalin;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A tiny service run as a child process by {@link SignalExitTest}. */
public final class SignalExitMain {

  private SignalExitMain() {}

  /** Starts this program in a child JVM on the test class path, stdout and stderr merged. */
  static Process launch() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), SignalExitMain.class.getName())
        .redirectErrorStream(true)
        .start();
  }

  public static void main(String[] args) {
    CommonSettings settings = CommonSettings.from(new EnvConfig(Map.of()));
    var registry = Metrics.newRegistry();
    Javalin app =
        Javalin.create(config -> StandardService.configure(config, settings, registry, () -> {}))
            .start("127.0.0.1", 0);
    SignalExit.install(
        new GracefulShutdown(
            app,
            List.of(
                registry::close,
                () -> System.out.println("resource closed"))));
    System.out.println("READY " + app.port());
  }
}

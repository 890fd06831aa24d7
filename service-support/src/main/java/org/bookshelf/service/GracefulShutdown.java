package org.bookshelf.service;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a service without cutting requests: Jetty closes its connectors (no new connections),
 * Jetty 12's {@link GracefulHandler} waits for in-flight requests up to the stop timeout, then
 * the resources (connection pool, metrics) are closed in order.
 */
public final class GracefulShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private final Javalin app;
  private final List<AutoCloseable> resources;

  public GracefulShutdown(Javalin app, List<AutoCloseable> resources) {
    this.app = app;
    this.resources = List.copyOf(resources);
  }

  /**
   * Call inside {@code Javalin.create}: without a {@link GracefulHandler} and a stop timeout,
   * Jetty 12 aborts in-flight requests on stop.
   */
  public static void configure(JavalinConfig config, Duration timeout) {
    config.jetty.modifyServer(
        server -> {
          server.setStopTimeout(timeout.toMillis());
          server.setHandler(new GracefulHandler());
        });
  }

  /** Stops the server (waiting for in-flight requests), then closes the resources. */
  public void run() {
    LOG.info("shutting down: draining in-flight requests");
    try {
      app.stop();
    } catch (RuntimeException timedOut) {
      // Jetty gave up waiting after the stop timeout; carry on so the pool still closes.
      LOG.warn("requests still running after the shutdown timeout were cut: {}", timedOut.toString());
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
    LOG.info("shutdown complete");
  }
}

package org.bookshelf.service;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a service without cutting requests: Jetty closes its connectors (no new connections),
 * {@link DrainingHandler} serves what still arrives and waits for quiet, up to the stop timeout,
 * then the resources (connection pool, metrics) are closed in order.
 */
public final class GracefulShutdown {

  private static final Duration QUIET_PERIOD = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private final Javalin app;
  private final List<AutoCloseable> resources;

  public GracefulShutdown(Javalin app, List<AutoCloseable> resources) {
    this.app = app;
    this.resources = List.copyOf(resources);
  }

  /**
   * Call inside {@code Javalin.create}: without a graceful handler and a stop timeout,
   * Jetty 12 aborts in-flight requests on stop.
   */
  public static void configure(JavalinConfig config, Duration timeout) {
    config.jetty.modifyServer(
        server -> {
          server.setStopTimeout(timeout.toMillis());
          // A draining service answers until no request has run for this long (bounded by the
          // stop timeout), so a proxy has moved its traffic to other replicas by then.
          Duration quiet = QUIET_PERIOD.compareTo(timeout) < 0 ? QUIET_PERIOD : timeout;
          server.setHandler(new DrainingHandler(quiet));
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

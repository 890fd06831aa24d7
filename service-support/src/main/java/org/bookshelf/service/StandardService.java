package org.bookshelf.service;

import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The plumbing every Bookshelf service installs, in one call inside {@code Javalin.create}:
 * request ids, access log, HTTP metrics and {@code /metrics}, health routes, problem+json errors,
 * 405 for a known path with the wrong method, and graceful stop.
 */
public final class StandardService {

  private StandardService() {}

  public static void configure(
      JavalinConfig config,
      CommonSettings settings,
      PrometheusMeterRegistry registry,
      ReadinessCheck readiness) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.prefer405over404 = true;
    RequestIds.install(config);
    AccessLog.install(config, new HttpMetrics(registry));
    ProblemResponses.install(config);
    Health.install(config, readiness, registry);
    Metrics.install(config, registry);
    GracefulShutdown.configure(config, settings.shutdownTimeout());
  }
}

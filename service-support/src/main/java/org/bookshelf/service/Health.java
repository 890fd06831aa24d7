package org.bookshelf.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live} answers while the process can serve HTTP; {@code /health/ready} also runs
 * the readiness check and answers 503 problem+json when it fails, so orchestrators stop routing
 * traffic here without restarting the process.
 */
public final class Health {

  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  private static final Logger LOG = LoggerFactory.getLogger(Health.class);
  private static final String UP = "{\"status\":\"UP\"}";

  private Health() {}

  /**
   * Also publishes the outcome of the last readiness probe as the gauge {@code bookshelf_ready}
   * (1 ready, 0 not; absent before the first probe), for the BookshelfNotReady alert: compose's
   * healthcheck and Kubernetes' readiness probe call {@code /health/ready} every few seconds.
   */
  public static void install(JavalinConfig config, ReadinessCheck check, MeterRegistry registry) {
    AtomicInteger ready = new AtomicInteger();
    AtomicBoolean registered = new AtomicBoolean();
    config.routes.get(LIVE, Health::up);
    config.routes.get(
        READY,
        ctx -> {
          if (registered.compareAndSet(false, true)) {
            Gauge.builder("bookshelf.ready", ready, AtomicInteger::get)
                .description("1 when the last readiness probe passed, else 0")
                .register(registry);
          }
          try {
            check.verify();
            ready.set(1);
          } catch (Exception e) {
            ready.set(0);
            LOG.warn("not ready: {}", e.toString());
            ProblemResponses.write(
                ctx,
                Problem.of(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "A dependency of the service is not available.",
                    ctx.path()));
            return;
          }
          up(ctx);
        });
  }

  private static void up(Context ctx) {
    ctx.contentType("application/json").result(UP);
  }
}

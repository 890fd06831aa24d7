package org.bookshelf.service;

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

  public static void install(JavalinConfig config, ReadinessCheck check) {
    config.routes.get(LIVE, Health::up);
    config.routes.get(
        READY,
        ctx -> {
          try {
            check.verify();
          } catch (Exception e) {
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

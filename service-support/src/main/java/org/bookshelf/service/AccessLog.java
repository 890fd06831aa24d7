package org.bookshelf.service;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request: method, route template, path, status, duration (and the gateway's
 * {@code X-Api-Client} when present); the request id comes with the MDC, as on every line of the
 * request. The values are structured arguments, so the text format shows {@code key=value} and
 * the JSON format has them as fields.
 */
public final class AccessLog implements RequestListener {

  public static final String LOGGER_NAME = "org.bookshelf.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  /**
   * Registers Javalin's request logger, which calls the access log and then each other listener
   * (e.g. {@link HttpMetrics}), then clears the request id from the MDC.
   */
  public static void install(JavalinConfig config, RequestListener... others) {
    AccessLog accessLog = new AccessLog();
    List<RequestListener> listeners = List.of(others);
    config.requestLogger.http(
        (ctx, ms) -> {
          try {
            String route = RouteTemplate.of(ctx);
            accessLog.finished(ctx, route, ms);
            for (RequestListener listener : listeners) {
              listener.finished(ctx, route, ms);
            }
          } finally {
            MDC.remove(RequestIds.MDC_KEY);
          }
        });
  }

  @Override
  public void finished(Context ctx, String route, double durationMs) {
    String client = ctx.header("X-Api-Client");
    LOG.info(
        "{} {} {} {} {}{}",
        kv("method", ctx.method().name()),
        kv("route", route),
        kv("path", ctx.path()),
        kv("status", ctx.statusCode()),
        kv("duration_ms", Math.round(durationMs * 10) / 10.0),
        client == null ? "" : " " + kv("api_client", client));
  }
}

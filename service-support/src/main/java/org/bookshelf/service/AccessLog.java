package org.bookshelf.service;

import static net.logstash.logback.marker.Markers.append;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import net.logstash.logback.marker.LogstashMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request: method, route template, path, status, duration (and the gateway's
 * caller the gateway names in {@link IdentityHeaders#NAME}, when present); the request id comes with the MDC, as on every line of the
 * request. The text format shows them as {@code key=value}; the JSON format also has each as a
 * field.
 */
public final class AccessLog implements RequestListener {

  public static final String LOGGER_NAME = "org.bookshelf.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  /**
   * Registers Javalin's request logger, which calls the access log and then each other listener
   * (e.g. {@link HttpMetrics}), then clears the request and trace ids from the MDC.
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
            MDC.remove(TraceIds.MDC_KEY);
          }
        });
  }

  @Override
  public void finished(Context ctx, String route, double durationMs) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String method = ctx.method().name();
    String path = ctx.path();
    int status = ctx.statusCode();
    double duration = Math.round(durationMs * 10) / 10.0;
    String caller = ctx.header(IdentityHeaders.NAME);
    // The text format prints the message; the JSON format also writes each marker as a field,
    // caller included (as an optional "{}" argument it reached the message only).
    StringBuilder message =
        new StringBuilder(128)
            .append("method=").append(method)
            .append(" route=").append(route)
            .append(" path=").append(path)
            .append(" status=").append(status)
            .append(" duration_ms=").append(duration);
    LogstashMarker fields =
        append("method", method)
            .and(append("route", route))
            .and(append("path", path))
            .and(append("status", status))
            .and(append("duration_ms", duration));
    if (caller != null) {
      message.append(" caller=").append(caller);
      fields = fields.and(append("caller", caller));
    }
    LOG.info(fields, message.toString());
  }
}

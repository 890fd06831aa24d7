package org.bookshelf.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.http.Context;
import java.util.concurrent.TimeUnit;

/** Times every request as {@code http_server_requests_seconds} by method, route and status. */
public final class HttpMetrics implements RequestListener {

  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void finished(Context ctx, String route, double durationMs) {
    Timer.builder("http.server.requests")
        .description("HTTP requests handled, by route template and status")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (durationMs * 1_000_000), TimeUnit.NANOSECONDS);
  }
}

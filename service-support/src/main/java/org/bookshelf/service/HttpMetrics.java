package org.bookshelf.service;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code http_server_requests_seconds} by method, route and status. The
 * timers are cached per label set: building and registering one per request was a measurable
 * share of a request's CPU (tags sorted, meter id hashed). The label values are bounded (route
 * templates, "unmatched", HTTP methods and statuses), so the cache is too.
 */
public final class HttpMetrics implements RequestListener {

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void finished(Context ctx, String route, double durationMs) {
    Key key = new Key(ctx.method().name(), route, ctx.statusCode());
    timers
        .computeIfAbsent(key, this::register)
        .record((long) (durationMs * 1_000_000), TimeUnit.NANOSECONDS);
  }

  /**
   * Histogram buckets ({@code _bucket{le}}) for latency quantiles per route and replica
   * (observability/prometheus/rules): a dozen fixed bounds, the gateway's (gateway/mtail), not
   * Micrometer's ~70 percentile buckets per series.
   */
  static final Duration[] BUCKETS =
      Stream.of(5, 10, 25, 50, 100, 250, 300, 500, 1000, 2500, 5000, 10000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private Timer register(Key key) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests handled, by route template and status")
        .serviceLevelObjectives(BUCKETS)
        .tag("method", key.method())
        .tag("route", key.route())
        .tag("status", Integer.toString(key.status()))
        .register(registry);
  }

  private record Key(String method, String route, int status) {}
}

package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.Mtail;
import org.bookshelf.testsupport.gateway.NginxGateway;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The RED metrics path with the real parts: nginx with the real config logs one line per request
 * to the file the real mtail reads with gateway/mtail/gateway.mtail, and mtail's counters equal, series by
 * series, the statuses the client saw, including the answers nginx gives itself (401, 404,
 * 405, 413, 429). The route each request should get is written here independently of the map.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayMetricsTest {

  private static final Pattern SERIES =
      Pattern.compile(
          "^bookshelf_gateway_requests_total\\{method=\"([^\"]+)\",route=\"([^\"]+)\",status=\"(\\d{3})\"} (\\d+)$",
          Pattern.MULTILINE);

  private static Mtail mtail;
  private static Upstream service;
  private static Upstream web;
  private static NginxGateway gateway;
  private static Http http;

  @BeforeAll
  static void start() {
    mtail = Mtail.start();
    service = Upstream.start("books-service");
    web = Upstream.start("books-web");
    gateway =
        TestGateway.start(
            service.address(),
            web.address(),
            Map.of(
                "GATEWAY_METRICS_LOG", mtail.log(),
                // Few writes pass, so the run also produces the gateway's own 429s.
                "GATEWAY_WRITE_RATE_LIMIT", "1r/m",
                "GATEWAY_WRITE_RATE_LIMIT_BURST", "3"));
    http = new Http(gateway);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable part : new AutoCloseable[] {gateway, service, web, mtail}) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  @Order(1) // the first requests of this gateway: its counters must equal them exactly
  void counts_every_request_per_route_method_and_exact_status() {
    var sent = new TreeMap<String, Long>();
    String key = "Bearer " + Http.LOCAL_KEY;
    count(sent, "books_read", "GET", http.get("/books").statusCode());
    count(sent, "books_read", "GET", http.get("/books?q=node&limit=2").statusCode());
    count(sent, "books_read", "GET", http.get("/books/9781788395540").statusCode());
    count(sent, "books_read", "HEAD", http.send("HEAD", "/books", HttpRequest.BodyPublishers.noBody()).statusCode());
    count(sent, "books_read", "GET", http.get("/openapi.json").statusCode());
    count(sent, "books_read", "PATCH", http.send("PATCH", "/books/1", "{}").statusCode());
    count(sent, "web", "GET", http.get("/").statusCode());
    count(sent, "web", "GET", http.get("/booksXYZ").statusCode());
    count(sent, "web", "OTHER", http.send("BREW", "/", "").statusCode());
    count(sent, "auth", "GET", http.get("/auth/realms/bookshelf").statusCode());
    count(sent, "other", "GET", http.get("/metrics").statusCode());
    count(sent, "other", "GET", http.get("/health/ready").statusCode());
    count(sent, "books_write", "POST", http.send("POST", "/books", "x".repeat(2 * 1024 * 1024), "Authorization", key).statusCode());
    for (int i = 0; i < 2; i++) {
      count(sent, "books_write", "POST", http.send("POST", "/books", "{}").statusCode());
    }
    for (int i = 0; i < 4; i++) {
      count(sent, "books_write", "PUT", http.send("PUT", "/books/9781788395540", "{}", "Authorization", key).statusCode());
    }
    count(sent, "books_write", "DELETE", http.send("DELETE", "/books/9781788395540", "", "Authorization", key).statusCode());

    // The run covers the gateway's own answers, or this test proves less than it claims.
    assertThat(sent.keySet())
        .anyMatch(s -> s.endsWith(" 401"))
        .anyMatch(s -> s.endsWith(" 404"))
        .anyMatch(s -> s.endsWith(" 405"))
        .anyMatch(s -> s.endsWith(" 413"))
        .anyMatch(s -> s.endsWith(" 429"))
        .anyMatch(s -> s.endsWith(" 200"));
    long total = sent.values().stream().mapToLong(Long::longValue).sum();

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(counters(mtail.metrics())).isEqualTo(sent));
    String metrics = mtail.metrics();
    assertThat(histogramCount(metrics, "books_read", "GET")).isEqualTo(4);
    assertThat(histogramCount(metrics, "books_write", "PUT")).isEqualTo(4);
    assertThat(metrics)
        .contains("bookshelf_gateway_request_duration_seconds_bucket{method=\"GET\",route=\"web\",le=\"0.3\"}")
        .contains("bookshelf_gateway_request_duration_seconds_sum{method=\"GET\",route=\"web\"}");
    long observed =
        metrics.lines()
            .filter(l -> l.startsWith("bookshelf_gateway_request_duration_seconds_count"))
            .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
    assertThat(observed).as("every request has a duration").isEqualTo(total);
  }

  @Test
  @Order(2)
  void counting_goes_on_after_the_log_is_truncated() throws Exception {
    long before = total(mtail.metrics());
    http.get("/openapi.json");
    await().atMost(Duration.ofSeconds(10)).until(() -> total(mtail.metrics()) == before + 1);

    // What the gateway-metrics entrypoint does when the file grows large.
    try (var file = new java.io.RandomAccessFile(mtail.log(), "rw")) {
      file.setLength(0);
    }
    Thread.sleep(1500); // mtail notices the shorter file on its next poll
    for (int i = 0; i < 3; i++) {
      http.get("/openapi.json");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> total(mtail.metrics()) == before + 4);
  }

  private static long total(String metrics) {
    return counters(metrics).values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void the_gateway_starts_and_answers_without_a_metrics_log_when_none_is_set() {
    try (NginxGateway plain = TestGateway.start(service.address(), web.address())) {
      assertThat(new Http(plain).get("/books").statusCode()).isEqualTo(200);
      assertThat(plain.prefix().resolve("metrics_log.conf")).content().doesNotContain("access_log");
    }
  }

  private static void count(Map<String, Long> sent, String route, String method, int status) {
    sent.merge(route + " " + method + " " + status, 1L, Long::sum);
  }

  private static Map<String, Long> counters(String metrics) {
    var seen = new TreeMap<String, Long>();
    Matcher m = SERIES.matcher(metrics);
    while (m.find()) {
      seen.put(m.group(2) + " " + m.group(1) + " " + m.group(3), Long.parseLong(m.group(4)));
    }
    return seen;
  }

  private static long histogramCount(String metrics, String route, String method) {
    String prefix =
        "bookshelf_gateway_request_duration_seconds_count{method=\"" + method + "\",route=\"" + route + "\"} ";
    return metrics.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
        .findFirst()
        .orElse(-1);
  }
}

package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private TestApp app;

  @BeforeEach
  void start() {
    app = new TestApp(() -> {}, config -> config.routes.get("/things/{id}", ctx -> ctx.result("ok")));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void metrics_expose_http_timers_by_route_and_status_and_jvm_metrics() throws Exception {
    app.get("/things/1");
    app.get("/things/2");
    app.get("/missing");

    String body = awaitScrapeContaining("route=\"/things/{id}\"");
    assertThat(body)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/things/{id}\",status=\"200\"} 2")
        .contains("route=\"unmatched\",status=\"404\"")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void request_timers_have_the_fixed_histogram_buckets_the_rules_read() throws Exception {
    app.get("/things/1");

    String body = awaitScrapeContaining("route=\"/things/{id}\"");
    assertThat(body)
        .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/things/{id}\",status=\"200\",le=\"0.3\"} 1")
        .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/things/{id}\",status=\"200\",le=\"+Inf\"} 1");
    assertThat(body.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket{method=\"GET\",route=\"/things/{id}\""))).hasSize(13);
  }

  @Test
  void the_last_readiness_probe_is_the_bookshelf_ready_gauge() throws Exception {
    assertThat(app.get("/metrics").body()).doesNotContain("bookshelf_ready");
    app.get("/health/ready");

    assertThat(app.get("/metrics").body()).contains("bookshelf_ready 1.0");
  }

  @Test
  void metrics_are_prometheus_text() throws Exception {
    HttpResponse<String> response = app.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
  }

  private String awaitScrapeContaining(String text) throws Exception {
    // Request timers are recorded after the response is sent.
    for (int i = 0; i < 200; i++) {
      String body = app.get("/metrics").body();
      if (body.contains(text) && body.contains("unmatched")) {
        return body;
      }
      Thread.sleep(10);
    }
    return app.get("/metrics").body();
  }
}

package org.bookshelf.system.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.ProjectFiles;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The observability profile on the real images (compose CLI): every job of the config the stack
 * mounts ({@link ScrapeJobs}) has targets and all of them are up, the gateway's counters equal
 * exactly what this test sent (its own stack, so nothing else talks to the gateway), the
 * services' histograms hold the requests that reached them, the README's queries answer, and a
 * stopped books-service raises the target alert and clears it.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

  /** Few writes per minute, so a burst also gets the gateway's own 429s. */
  private static final Map<String, String> WRITE_LIMITS =
      Map.of("GATEWAY_WRITE_RATE_LIMIT", "30r/m", "GATEWAY_WRITE_RATE_LIMIT_BURST", "6");
  private static final Duration SCRAPED = Duration.ofSeconds(60);

  private static SystemStack stack;
  private static Prometheus prometheus;
  /** "route method status" → requests, as the client saw them. */
  private static final Map<String, Long> sent = new TreeMap<>();

  @BeforeAll
  static void start() {
    long t0 = System.nanoTime();
    stack = SystemStack.start("observability", SystemStack.Variant.H2, WRITE_LIMITS, List.of("observability"));
    prometheus = new Prometheus(stack::prometheusUri);
    await().atMost(SCRAPED).pollInterval(Duration.ofMillis(500)).until(prometheus::answers);
    System.out.printf("[observability] stack with the profile up and Prometheus answering in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void every_job_of_the_mounted_config_has_targets_all_up() {
    await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Set<String> up = new TreeSet<>();
      for (JsonNode target : prometheus.targets()) {
        assertThat(target.path("health").asText())
            .as("%s %s: %s", target.at("/labels/job").asText(), target.path("scrapeUrl").asText(), target.path("lastError").asText())
            .isEqualTo("up");
        up.add(target.at("/labels/job").asText());
      }
      assertThat(up).isEqualTo(ScrapeJobs.of(stack.model(), ProjectFiles.root()));
    });
  }

  @Test
  @Order(2)
  void gateway_counters_equal_what_was_sent_per_route_method_and_status() {
    GatewayClient api = stack.client();
    String key = SystemStack.API_KEY;
    for (int i = 0; i < 5; i++) {
      count("books_read", "GET", api.get("/books"));
    }
    count("books_read", "GET", api.get("/books/1788395549"));
    count("web", "GET", api.get("/"));
    count("other", "GET", api.get("/metrics"));
    for (int i = 0; i < 3; i++) {
      count("books_write", "POST", api.post("/books", book(Isbns.next()), null));
    }
    count("books_write", "POST", api.post("/books", "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", key));
    for (int i = 0; i < 8; i++) {
      count("books_write", "POST", api.post("/books", book(Isbns.next()), key));
    }
    assertThat(sent.keySet()).contains(
        "books_read GET 200", "books_write POST 201", "books_write POST 401", "books_write POST 413",
        "books_write POST 429", "other GET 404", "web GET 200");

    await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(series(prometheus.query("sum by (route, method, status) (bookshelf_gateway_requests_total)"),
            "route", "method", "status")).isEqualTo(sent));
    assertThat(series(prometheus.query("sum by (route, method) (bookshelf_gateway_request_duration_seconds_count)"),
        "route", "method").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(sent.values().stream().mapToLong(Long::longValue).sum());

    // Only what the gateway passed on reached books-service, and its histograms hold exactly that.
    Map<String, Long> passed = new TreeMap<>();
    sent.forEach((k, v) -> {
      String[] parts = k.split(" ");
      if (parts[0].startsWith("books_") && !Set.of("401", "413", "429").contains(parts[2])) {
        passed.merge(parts[1] + " " + parts[2], v, Long::sum);
      }
    });
    await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(series(prometheus.query(
            "sum by (method, status) (http_server_requests_seconds_count{job=\"books-service\",route=~\"/books.*\"})"),
            "method", "status")).isEqualTo(passed));
    assertThat(prometheus.query(
        "http_server_requests_seconds_bucket{job=\"books-service\",route=\"/books\",method=\"GET\",le=\"0.3\"}")).isNotEmpty();
    assertThat(prometheus.query("nginx_connections_accepted")).isNotEmpty();
  }

  @Test
  @Order(3)
  void every_query_of_the_readme_answers() {
    List<String> queries = ReadmeQueries.from(ProjectFiles.root().resolve("README.md"));
    assertThat(queries).as("promql blocks under '%s' in README.md", ReadmeQueries.HEADING).hasSizeGreaterThanOrEqualTo(4);
    // Rates need two scrapes after the traffic above.
    await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      for (String query : queries) {
        assertThat(prometheus.query(query)).as(query).isNotEmpty();
      }
    });
  }

  @Test
  @Order(4)
  void a_stopped_books_service_raises_the_target_alert_and_clears_it_when_back() {
    stack.stopReplica(1);
    try {
      await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        assertThat(prometheus.query("up{job=\"books-service\"} == 1")).as("books-service targets up").isEmpty();
        assertThat(alerts("books-service")).as("target alerts of books-service").isNotEmpty()
            .allMatch(state -> state.equals("pending") || state.equals("firing"));
      });
    } finally {
      stack.restore();
    }
    await().atMost(SCRAPED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(prometheus.query("up{job=\"books-service\"} == 1")).isNotEmpty();
      assertThat(alerts("books-service")).isEmpty();
    });
  }

  private static List<String> alerts(String job) {
    var states = new java.util.ArrayList<String>();
    for (JsonNode alert : prometheus.alerts()) {
      String name = alert.at("/labels/alertname").asText();
      if ((name.equals("BookshelfTargetDown") || name.equals("BookshelfNoTargetUp"))
          && job.equals(alert.at("/labels/job").asText())) {
        states.add(alert.path("state").asText());
      }
    }
    return states;
  }

  private static void count(String route, String method, HttpResponse<String> response) {
    sent.merge(route + " " + method + " " + response.statusCode(), 1L, Long::sum);
  }

  private static Map<String, Long> series(JsonNode result, String... labels) {
    Map<String, Long> values = new TreeMap<>();
    for (JsonNode sample : result) {
      StringBuilder key = new StringBuilder();
      for (String label : labels) {
        key.append(key.isEmpty() ? "" : " ").append(sample.at("/metric/" + label).asText());
      }
      values.put(key.toString(), Math.round(Double.parseDouble(sample.path("value").get(1).asText())));
    }
    return values;
  }

  private static String book(String isbn) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"Observed " + isbn + "\",\"author\":\"Metrics\"}";
  }
}

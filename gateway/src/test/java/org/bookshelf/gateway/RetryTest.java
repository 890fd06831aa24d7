package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.bookshelf.testsupport.gateway.FreePort;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.Upstream;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two books-service servers, the first listed one failing. With one worker and equal weights
 * nginx's round robin tries the first server first, so each test's first request hits it.
 */
class RetryTest {

  private static final String BEARER_LOCAL = "Bearer " + Http.LOCAL_KEY;
  /** What books-service answers while its database is down (ErrorMapping). */
  private static final UpstreamResponse DATABASE_DOWN =
      UpstreamResponse.of(503, "application/problem+json",
              "{\"type\":\"https://bookshelf.example/problems/service-unavailable\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The database is not available; retry later.\"}")
          .withHeaders(Map.of("Retry-After", "5"));

  private Upstream healthy;
  private Upstream web;

  @BeforeEach
  void start() {
    healthy = Upstream.start("healthy");
    web = Upstream.start("books-web");
  }

  @AfterEach
  void stop() {
    healthy.close();
    web.close();
  }

  @Test
  void get_is_retried_on_the_other_server_when_one_is_down() {
    String down = "127.0.0.1:" + FreePort.next();
    try (var gateway = TestGateway.start(down + " " + healthy.address(), web.address())) {
      var response = new Http(gateway).get("/books", "X-Request-ID", "retry-get-1");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(healthy.requests()).hasSize(1);
      JsonNode line = AccessLog.awaitLine(gateway, "retry-get-1");
      assertThat(line.path("upstream_addr").asText()).isEqualTo(down + ", " + healthy.address());
      assertThat(line.path("upstream_status").asText()).isEqualTo("502, 200");
    }
  }

  @Test
  void post_is_passed_to_the_other_server_when_the_first_refuses_the_connection() {
    // The request never reached the first server (a replica restarting), so nothing can apply twice.
    String down = "127.0.0.1:" + FreePort.next();
    try (var gateway = TestGateway.start(down + " " + healthy.address(), web.address())) {
      var response = new Http(gateway).send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(healthy.requests()).extracting(RecordedRequest::method).containsExactly("POST");
    }
  }

  @Test
  void post_is_not_retried_when_the_first_server_drops_it_after_receiving_it() {
    try (var dropping = Upstream.start("dropping").respond(r -> { throw new IllegalStateException("connection cut"); });
        var gateway = TestGateway.start(dropping.address() + " " + healthy.address(), web.address())) {
      var response = new Http(gateway).send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);

      assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
      assertThat(dropping.requests()).extracting(RecordedRequest::method).containsExactly("POST");
      assertThat(healthy.requests()).isEmpty();
    }
  }

  @Test
  void get_503_reaches_the_client_with_retry_after_and_marks_no_server_down() {
    // A replica whose database is down answers 503: the client sees it, and the replica stays in
    // the rotation (it is alive), so the next requests keep reaching both servers.
    try (var failing = Upstream.start("failing").respond(r -> DATABASE_DOWN);
        var gateway = TestGateway.start(failing.address() + " " + healthy.address(), web.address())) {
      var http = new Http(gateway);

      var first = http.get("/books/9781788395540");
      for (int i = 0; i < 5; i++) {
        http.get("/books/9781788395540");
      }

      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(first.body()).contains("database is not available");
      assertThat(failing.requests()).as("requests still sent to the replica that answered 503").hasSize(3);
      assertThat(healthy.requests()).hasSize(3);
    }
  }

  @Test
  void database_outage_on_every_replica_gives_clients_503_never_502() {
    try (var first = Upstream.start("first").respond(r -> DATABASE_DOWN);
        var second = Upstream.start("second").respond(r -> DATABASE_DOWN);
        var gateway = TestGateway.start(first.address() + " " + second.address(), web.address())) {
      var http = new Http(gateway);

      for (int i = 0; i < 6; i++) {
        var get = http.get("/books/9781788395540");
        var post = http.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);

        assertThat(get.statusCode()).as("GET %d", i).isEqualTo(503);
        assertThat(post.statusCode()).as("POST %d", i).isEqualTo(503);
        assertThat(post.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      }
    }
  }

  @Test
  void put_is_not_retried_after_a_503() {
    try (var failing = Upstream.start("failing").respond(r -> UpstreamResponse.json(503, "{\"title\":\"busy\"}"));
        var gateway = TestGateway.start(failing.address() + " " + healthy.address(), web.address())) {
      var http = new Http(gateway);

      var put = http.send("PUT", "/books/9781788395540", "{}", "Authorization", BEARER_LOCAL);

      assertThat(put.statusCode()).isEqualTo(503);
      assertThat(put.body()).contains("busy");
      assertThat(failing.requests()).extracting(RecordedRequest::method).containsExactly("PUT");
      assertThat(healthy.requests()).isEmpty();
    }
  }

  @Test
  void web_app_get_is_retried_on_the_other_server_when_one_is_down() {
    String down = "127.0.0.1:" + FreePort.next();
    try (var gateway = TestGateway.start(healthy.address(), down + " " + web.address())) {
      var response = new Http(gateway).get("/");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(web.requests()).hasSize(1);
    }
  }
}

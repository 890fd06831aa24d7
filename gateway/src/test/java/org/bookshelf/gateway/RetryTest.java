package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.bookshelf.testsupport.gateway.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two books-service servers, the first listed one failing. With one worker and equal weights
 * nginx's round robin tries the first server first, so each test's first request hits it.
 */
class RetryTest {

  private static final String BEARER_LOCAL = "Bearer " + Http.LOCAL_KEY;

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
  void get_is_retried_on_the_other_server_after_a_503() {
    try (var failing = Upstream.start("failing").respond(r -> UpstreamResponse.json(503, "{}"));
        var gateway = TestGateway.start(failing.address() + " " + healthy.address(), web.address())) {
      var response = new Http(gateway).get("/books/9781788395540");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(failing.requests()).hasSize(1);
      assertThat(healthy.requests()).hasSize(1);
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

package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTest {

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @Test
  void exact_books_path_goes_to_books_service() {
    var response = stack.http().get("/books");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("books-service");
    assertThat(stack.service().lastRequest().rawTarget()).isEqualTo("/books");
    assertThat(stack.web().requests()).isEmpty();
  }

  @Test
  void books_subpaths_go_to_books_service_with_path_and_query_unchanged() {
    stack.http().get("/books/978-1788395540?fields=title&q=AC%2FDC");

    assertThat(stack.service().lastRequest().rawTarget()).isEqualTo("/books/978-1788395540?fields=title&q=AC%2FDC");
    assertThat(stack.web().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/booksX", "/bookshelf", "/books.json", "/", "/assets/index-3f2a.js", "/nginx_status"})
  void every_other_path_goes_to_the_web_app(String path) {
    var response = stack.http().get(path);

    assertThat(response.body()).contains("books-web");
    assertThat(stack.web().lastRequest().rawTarget()).isEqualTo(path);
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void openapi_document_comes_from_books_service() {
    var response = stack.http().get("/openapi.json");

    assertThat(response.body()).contains("books-service");
    assertThat(stack.service().lastRequest().rawTarget()).isEqualTo("/openapi.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/metrics/", "/health", "/health/live", "/health/ready"})
  void service_metrics_and_health_are_not_reachable(String path) {
    Problems.assertProblem(stack.http().get(path), 404);

    assertThat(stack.service().requests()).isEmpty();
    assertThat(stack.web().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/books/../metrics",
        "/books/../health/ready",
        "/%2e%2e/metrics",
        "/books/%2E%2E/metrics",
        "/books/..%2fmetrics",
        "/books%2f..%2fmetrics",
        "/./metrics",
        "/books/.",
        "/books/%2e"
      })
  void dot_segment_and_encoded_paths_are_refused_before_any_upstream(String rawPath) {
    Problems.assertProblem(RawHttp.request(stack.gateway().port(), "GET", rawPath), 400);

    assertThat(stack.service().requests()).isEmpty();
    assertThat(stack.web().requests()).isEmpty();
  }

  @Test
  void healthz_is_answered_by_the_gateway_itself() {
    var response = stack.http().get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).contains("\"status\":\"UP\"");
    assertThat(stack.service().requests()).isEmpty();
    assertThat(stack.web().requests()).isEmpty();
  }

  @Test
  void nginx_status_is_served_on_the_status_port_only() {
    var status = RawHttp.request(stack.gateway().statusPort(), "GET", "/nginx_status");
    var publicPort = stack.http().get("/nginx_status");

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body()).contains("Active connections");
    assertThat(publicPort.body()).doesNotContain("Active connections");
  }

  @Test
  void a_path_that_cannot_be_echoed_safely_is_left_out_of_the_problem_not_written_into_its_json() {
    var problem = Problems.assertProblem(RawHttp.request(stack.gateway().port(), "GET", "/health/\"},\"x\":\"\\"), 404);

    assertThat(problem.has("instance")).isFalse();
    assertThat(problem.has("x")).isFalse();
  }

  @Test
  void the_status_port_answers_other_paths_with_the_same_problem_as_the_public_port() {
    Problems.assertProblem(RawHttp.request(stack.gateway().statusPort(), "GET", "/metrics"), 404);
  }
}

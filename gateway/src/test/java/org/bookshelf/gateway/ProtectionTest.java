package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.bookshelf.testsupport.gateway.FreePort;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Body size, methods, upstream down or slow: each answered by the gateway in problem+json. */
class ProtectionTest {

  private static final String BEARER_LOCAL = "Bearer " + Http.LOCAL_KEY;

  @RegisterExtension
  static final GatewayStack stack = new GatewayStack(Map.of("GATEWAY_PROXY_READ_TIMEOUT", "1s"));

  @BeforeEach
  void reset() {
    stack.service().respond(r -> UpstreamResponse.json(200, "[]"));
  }

  @Test
  void body_over_1_mb_is_413() {
    byte[] body = new byte[1024 * 1024 + 1];

    var response =
        stack.http().send("POST", "/books", HttpRequest.BodyPublishers.ofByteArray(body), "Authorization", BEARER_LOCAL);

    Problems.assertProblem(response, 413);
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void body_of_1_mb_is_accepted() {
    byte[] body = new byte[1024 * 1024];

    var response =
        stack.http().send("POST", "/books", HttpRequest.BodyPublishers.ofByteArray(body), "Authorization", BEARER_LOCAL);

    assertThat(response.statusCode()).as(stack.gateway().stderr()).isEqualTo(200);
    assertThat(stack.service().lastRequest().bodyLength()).isEqualTo(body.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Junk:9000", "Cookie:17000", "X-Junk:64000"})
  void request_header_over_the_buffers_is_431_problem_json_not_an_html_400(String header) {
    String[] parts = header.split(":");

    var response = stack.http().get("/books", parts[0], "h".repeat(Integer.parseInt(parts[1])));

    Problems.assertProblem(response, 431);
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void headers_over_32_kb_in_all_are_431_problem_json() {
    String sevenKb = "h".repeat(7_000);

    var response =
        stack.http().get("/books", "X-A", sevenKb, "X-B", sevenKb, "X-C", sevenKb, "X-D", sevenKb, "X-E", sevenKb);

    Problems.assertProblem(response, 431);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PATCH /books                | GET, HEAD, POST",
        "PUT /books                  | GET, HEAD, POST",
        "DELETE /books               | GET, HEAD, POST",
        "OPTIONS /books              | GET, HEAD, POST",
        "TRACE /books                | GET, HEAD, POST",
        "PATCH /books/9781788395540  | GET, HEAD, PUT, DELETE",
        "POST /books/9781788395540   | GET, HEAD, PUT, DELETE",
        "PATCH /books/cover.html     | GET, HEAD, PUT, DELETE",
        "PROPFIND /books/x           | GET, HEAD, PUT, DELETE"
      })
  void a_method_the_route_does_not_accept_is_405_with_its_allow(String request, String allow) {
    String[] parts = request.split(" ");

    var response = RawHttp.request(stack.gateway().port(), parts[0], parts[1]);

    Problems.assertProblem(response, 405);
    assertThat(response.header("Allow")).hasValue(allow);
    assertThat(stack.service().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST /", "DELETE /index.html", "PUT /openapi.json", "POST /books.json"})
  void write_methods_on_the_web_app_and_openapi_are_405(String request) {
    String[] parts = request.split(" ");

    var response = RawHttp.request(stack.gateway().port(), parts[0], parts[1]);

    Problems.assertProblem(response, 405);
    assertThat(response.header("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void upstream_timeout_is_504() {
    stack.service().respond(r -> UpstreamResponse.json(200, "[]").after(Duration.ofSeconds(3)));

    Problems.assertProblem(stack.http().get("/books"), 504);
  }

  @Test
  void upstream_down_is_502_on_the_api_and_on_the_web_app() {
    int nothingListens = FreePort.next();
    String down = "127.0.0.1:" + nothingListens;
    try (var lonely = TestGateway.start(down, down)) {
      var lonelyHttp = new Http(lonely);

      Problems.assertProblem(lonelyHttp.get("/books"), 502);
      Problems.assertProblem(lonelyHttp.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL), 502);
      Problems.assertProblem(lonelyHttp.get("/"), 502);
    }
  }

  @Test
  void errors_answered_by_the_service_pass_through_unchanged() {
    String problem = "{\"type\":\"https://bookshelf.example/problems/not-found\",\"title\":\"Book not found\",\"status\":404}";
    stack.service().respond(r -> UpstreamResponse.of(404, "application/problem+json", problem));

    var response = stack.http().get("/books/9780000000002");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).isEqualTo(problem);
  }

  @Test
  void a_503_from_the_service_is_passed_on_when_no_other_server_exists() {
    stack.service().respond(r -> UpstreamResponse.of(503, "application/problem+json", "{\"status\":503,\"title\":\"Not ready\"}"));

    var response = stack.http().get("/books");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("Not ready");
  }
}

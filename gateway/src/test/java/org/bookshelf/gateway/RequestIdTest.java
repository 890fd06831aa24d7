package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @ParameterizedTest
  @ValueSource(strings = {"trace-42", "0af7651916cd43dd8448eb211c80319c", "a.b_c:d-e"})
  void well_formed_request_id_is_kept_forwarded_returned_and_logged(String id) {
    var response = stack.http().get("/books", "X-Request-ID", id);

    assertThat(response.headers().allValues("X-Request-ID")).containsExactly(id);
    assertThat(stack.service().lastRequest().headerValues("X-Request-ID")).containsExactly(id);
    assertThat(AccessLog.awaitLine(stack.gateway(), id).path("path").asText()).isEqualTo("/books");
  }

  @Test
  void missing_request_id_is_generated_and_the_same_value_goes_everywhere() {
    var response = stack.http().get("/");

    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(stack.web().lastRequest().header("X-Request-ID")).hasValue(id);
    assertThat(AccessLog.awaitLine(stack.gateway(), id).path("status").asInt()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "quote\"inside", "<script>", "semi;colon"})
  void malformed_request_id_is_replaced(String malformed) {
    var response = stack.http().get("/books", "X-Request-ID", malformed);

    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(stack.service().lastRequest().headerValues("X-Request-ID")).containsExactly(id);
  }

  @Test
  void request_id_longer_than_128_characters_is_replaced() {
    String tooLong = "a".repeat(129);

    var response = stack.http().get("/books", "X-Request-ID", tooLong);

    assertThat(response.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f]{32}");
  }

  @Test
  void upstream_request_id_header_does_not_duplicate_the_gateway_one() {
    stack.service().respond(r -> UpstreamResponse.json(200, "[]").withHeaders(java.util.Map.of("X-Request-ID", "from-upstream")));
    try {
      var response = stack.http().get("/books", "X-Request-ID", "mine-1");

      assertThat(response.headers().allValues("X-Request-ID")).containsExactly("mine-1");
    } finally {
      stack.service().respond(r -> UpstreamResponse.json(200, "[]"));
    }
  }

  @Test
  void gateway_errors_carry_the_request_id_in_header_and_body() {
    var response = stack.http().send("POST", "/books", "{}", "X-Request-ID", "failed-write-1");

    var problem = Problems.assertProblem(response, 401);
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("failed-write-1");
    assertThat(problem.path("requestId").asText()).isEqualTo("failed-write-1");
  }
}

package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Checks that an answer is an RFC 9457 problem with the given status, never an HTML page. */
final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static JsonNode assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return assertProblemBody(response.body(), status);
  }

  static JsonNode assertProblem(RawResponse response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    return assertProblemBody(response.body(), status);
  }

  private static JsonNode assertProblemBody(String body, int status) {
    assertThat(body).doesNotContainIgnoringCase("<html");
    JsonNode problem;
    try {
      problem = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("requestId").asText()).isNotBlank();
    return problem;
  }
}

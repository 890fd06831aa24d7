package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.bookshelf.service.ProblemType;
import org.bookshelf.testsupport.gateway.RawResponse;

/**
 * Checks that an answer is an RFC 9457 problem of the project's vocabulary ({@link ProblemType}:
 * the status's type URI and title), with the fields every Bookshelf problem carries, never an
 * HTML page.
 */
final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static JsonNode assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return assertProblemBody(
        response.body(), status, response.headers().firstValue("X-Request-ID"), response.uri().getRawPath());
  }

  static JsonNode assertProblem(RawResponse response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    return assertProblemBody(response.body(), status, response.header("X-Request-ID"), null);
  }

  private static JsonNode assertProblemBody(
      String body, int status, Optional<String> requestIdHeader, String path) {
    assertThat(body).doesNotContainIgnoringCase("<html");
    JsonNode problem;
    try {
      problem = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    ProblemType type =
        ProblemType.forStatus(status).orElseThrow(() -> new AssertionError("no problem type for " + status));
    assertThat(problem.path("type").asText()).as(body).isEqualTo(type.uri());
    assertThat(problem.path("title").asText()).as(body).isEqualTo(type.title());
    assertThat(problem.path("status").asInt()).as(body).isEqualTo(status);
    assertThat(problem.path("detail").asText()).as(body).isNotBlank();
    assertThat(problem.path("requestId").asText()).as(body).isEqualTo(requestIdHeader.orElseThrow());
    if (path != null) { // a raw request may have no readable path: then instance is left out
      assertThat(problem.path("instance").asText()).as(body).isEqualTo(path);
    }
    return problem;
  }
}

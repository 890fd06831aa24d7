package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpResponseException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestApp app;

  @BeforeAll
  static void start() {
    app =
        new TestApp(
            () -> {},
            config -> {
              config.routes.get(
                  "/boom",
                  ctx -> {
                    throw new IllegalStateException("secret internals");
                  });
              config.routes.get(
                  "/invalid",
                  ctx -> {
                    throw new ProblemException(
                        ProblemType.VALIDATION,
                        "1 field is invalid.",
                        List.of(new Problem.FieldError("title", "must not be blank")));
                  });
              config.routes.get(
                  "/teapot",
                  ctx -> {
                    throw new HttpResponseException(418, "short and stout");
                  });
            });
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void unknown_route_returns_404_problem_json() throws Exception {
    HttpResponse<String> response = app.get("/nowhere", "Accept", "text/html");
    assertProblem(response, 404, "not-found");
    assertThat(response.body()).contains("\"instance\":\"/nowhere\"");
  }

  @Test
  void every_problem_carries_the_request_id_it_answers_with() throws Exception {
    for (String path : new String[] {"/nowhere", "/boom", "/invalid", "/books/%ff"}) {
      HttpResponse<String> kept = app.get(path, "X-Request-ID", "rid-" + path.length());
      HttpResponse<String> made = app.get(path);

      assertThat(json(kept).path("requestId").asText()).as(path).isEqualTo("rid-" + path.length());
      assertThat(json(made).path("requestId").asText())
          .as(path)
          .hasSize(36)
          .isEqualTo(made.headers().firstValue("X-Request-ID").orElseThrow());
    }
  }

  @Test
  void a_status_outside_the_vocabulary_is_about_blank_with_its_reason_phrase() throws Exception {
    HttpResponse<String> response = app.get("/teapot");

    assertThat(response.statusCode()).isEqualTo(418);
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo("about:blank");
    assertThat(problem.path("title").asText()).isEqualTo("I'm a Teapot");
    assertThat(problem.path("status").asInt()).isEqualTo(418);
    assertThat(problem.path("instance").asText()).isEqualTo("/teapot");
  }

  @Test
  void wrong_method_returns_405_problem_json() throws Exception {
    HttpResponse<String> response =
        app.send(HttpRequest.newBuilder(app.uri("/boom")).DELETE().build());
    assertProblem(response, 405, "method-not-allowed");
  }

  @Test
  void path_that_is_not_utf8_returns_400_problem_json_not_jettys_html_page() throws Exception {
    for (String path : new String[] {"/books/%c0%ae%c0%ae/", "/books/%ff", "/%ed%a0%80"}) {
      HttpResponse<String> response = app.get(path, "Accept", "text/html");
      assertProblem(response, 400, "bad-request");
      assertThat(response.body()).doesNotContain("Exception");
    }
  }

  @Test
  void unexpected_exception_returns_500_without_internals() throws Exception {
    HttpResponse<String> response = app.get("/boom");
    assertProblem(response, 500, "internal");
    assertThat(response.body()).doesNotContain("secret internals", "IllegalStateException", "at org.");
  }

  @Test
  void problem_exception_writes_its_type_and_field_errors() throws Exception {
    HttpResponse<String> response = app.get("/invalid");
    assertProblem(response, 400, "validation");
    assertThat(response.body())
        .contains("\"errors\":[{\"field\":\"title\",\"message\":\"must not be blank\"}]");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).doesNotContain("<html");
    JsonNode problem = json(response);
    ProblemType expected =
        java.util.Arrays.stream(ProblemType.values())
            .filter(t -> t.uri().equals("https://bookshelf.example/problems/" + type))
            .findFirst()
            .orElseThrow();
    assertThat(problem.path("type").asText()).isEqualTo(expected.uri());
    assertThat(problem.path("title").asText()).isEqualTo(expected.title());
    assertThat(problem.path("status").asInt()).isEqualTo(status).isEqualTo(expected.status());
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("instance").asText()).isEqualTo(response.uri().getRawPath());
    assertThat(problem.path("requestId").asText())
        .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}

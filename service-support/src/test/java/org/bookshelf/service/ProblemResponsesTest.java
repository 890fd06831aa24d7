package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

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

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body())
        .contains("\"type\":\"https://bookshelf.example/problems/" + type + "\"")
        .contains("\"status\":" + status)
        .contains("\"title\":")
        .contains("\"detail\":")
        .doesNotContain("<html");
  }
}

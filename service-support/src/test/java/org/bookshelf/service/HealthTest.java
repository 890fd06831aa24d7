package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthTest {

  private final AtomicBoolean dependencyUp = new AtomicBoolean(true);
  private TestApp app;

  @BeforeEach
  void start() {
    app =
        new TestApp(
            () -> {
              if (!dependencyUp.get()) {
                throw new IllegalStateException("db down");
              }
            },
            config -> {});
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void live_answers_up() throws Exception {
    HttpResponse<String> response = app.get("/health/live");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void ready_answers_up_when_the_check_passes() throws Exception {
    HttpResponse<String> response = app.get("/health/ready");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void ready_answers_503_problem_when_the_check_fails_while_live_stays_up() throws Exception {
    dependencyUp.set(false);

    HttpResponse<String> ready = app.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(ready.body())
        .contains("\"type\":\"https://bookshelf.example/problems/service-unavailable\"")
        .contains("\"status\":503")
        .doesNotContain("db down");
    assertThat(app.get("/health/live").statusCode()).isEqualTo(200);
  }
}

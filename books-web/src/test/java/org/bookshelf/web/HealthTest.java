package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void live_and_ready_answer_up_when_the_bundle_is_there() throws Exception {
    try (WebServer server = new WebServer(Bundle.onClasspath())) {
      assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> ready = server.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(new String(ready.body())).contains("UP");
    }
  }

  @Test
  void ready_is_503_when_the_bundle_is_missing() throws Exception {
    Bundle empty = new Bundle("no-such-bundle", HealthTest.class.getClassLoader());
    try (WebServer server = new WebServer(empty)) {
      assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> ready = server.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }
}

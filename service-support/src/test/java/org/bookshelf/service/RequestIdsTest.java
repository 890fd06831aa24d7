package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdsTest {

  private static TestApp app;

  @BeforeAll
  static void start() {
    // The handler answers with the request id it sees in the MDC.
    app =
        new TestApp(
            () -> {},
            config -> {
              config.routes.get("/mdc", ctx -> ctx.result(MDC.get(RequestIds.MDC_KEY)));
              config.routes.get("/trace", ctx -> ctx.result(String.valueOf(MDC.get(TraceIds.MDC_KEY))));
            });
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void well_formed_incoming_id_is_echoed_and_put_in_the_mdc() throws Exception {
    HttpResponse<String> response = app.get("/mdc", "X-Request-ID", "abc-123_x.y:z");
    assertThat(response.headers().firstValue("X-Request-ID")).contains("abc-123_x.y:z");
    assertThat(response.body()).isEqualTo("abc-123_x.y:z");
  }

  @Test
  void missing_id_is_generated_as_a_uuid() throws Exception {
    HttpResponse<String> response = app.get("/mdc");
    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(UUID.fromString(id).version()).isEqualTo(4);
    assertThat(response.body()).isEqualTo(id);
  }

  @Test
  void malformed_incoming_id_is_replaced() throws Exception {
    HttpResponse<String> response = app.get("/mdc", "X-Request-ID", "bad id <script>");
    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(id).isNotEqualTo("bad id <script>");
    assertThat(UUID.fromString(id).version()).isEqualTo(4);
    assertThat(response.body()).isEqualTo(id);
  }

  @Test
  void the_trace_id_of_a_well_formed_traceparent_goes_in_the_mdc() throws Exception {
    HttpResponse<String> response =
        app.get("/trace", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(response.body()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void a_missing_or_malformed_traceparent_leaves_no_trace_id() throws Exception {
    assertThat(app.get("/trace").body()).isEqualTo("null");
    assertThat(app.get("/trace", "traceparent", "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01").body())
        .isEqualTo("null");
    assertThat(TraceIds.traceId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0")).isNull();
    assertThat(TraceIds.traceId("00x0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isNull();
  }

  @Test
  void only_ids_of_letters_digits_dot_underscore_colon_dash_are_kept() {
    assertThat(RequestIds.accept("Az09._:-")).isEqualTo("Az09._:-");
    for (String bad : new String[] {"", "a b", "a/b", "é", "a\n", "a;b", "{x}"}) {
      assertThat(RequestIds.accept(bad)).as(bad).isNotEqualTo(bad).hasSize(36);
    }
  }

  @Test
  void generated_ids_are_distinct_version_4_uuids() {
    UUID first = UUID.fromString(RequestIds.accept(null));
    UUID second = UUID.fromString(RequestIds.accept(null));
    assertThat(first.version()).isEqualTo(4);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void over_long_incoming_id_is_replaced() {
    assertThat(RequestIds.accept("a".repeat(128))).isEqualTo("a".repeat(128));
    assertThat(RequestIds.accept("a".repeat(129))).hasSize(36);
  }

  @Test
  void error_responses_carry_the_request_id_too() throws Exception {
    HttpResponse<String> response = app.get("/nowhere", "X-Request-ID", "rid-404");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("X-Request-ID")).contains("rid-404");
  }
}

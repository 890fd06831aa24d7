package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.bookshelf.testsupport.gateway.GatewayStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** W3C Trace Context through the real nginx: passed through unchanged, or started (trace_context.conf). */
class TraceContextTest {

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @Test
  void a_well_formed_traceparent_and_its_tracestate_go_upstream_unchanged() {
    stack.http().get("/books", "traceparent", TRACEPARENT, "tracestate", TRACESTATE);

    var upstream = stack.service().lastRequest();
    assertThat(upstream.headerValues("traceparent")).containsExactly(TRACEPARENT);
    assertThat(upstream.headerValues("tracestate")).containsExactly(TRACESTATE);
  }

  @Test
  void without_a_traceparent_the_gateway_starts_one_whose_trace_id_is_the_request_id() {
    var response = stack.http().get("/");

    String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
    var upstream = stack.web().lastRequest();
    assertThat(upstream.headerValues("traceparent"))
        .singleElement()
        .asString()
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
        .startsWith("00-" + requestId + "-");
    assertThat(upstream.header("tracestate")).isEmpty();
  }

  @Test
  void each_request_without_one_gets_its_own_trace() {
    stack.http().get("/books");
    stack.http().get("/books");

    assertThat(stack.service().requests())
        .extracting(r -> r.header("traceparent").orElseThrow())
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra"})
  void a_malformed_traceparent_is_replaced_and_its_tracestate_dropped(String malformed) {
    stack.http().get("/books", "traceparent", malformed, "tracestate", TRACESTATE);

    var upstream = stack.service().lastRequest();
    assertThat(upstream.header("traceparent").orElseThrow())
        .isNotEqualTo(malformed)
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(upstream.header("tracestate")).isEmpty();
  }
}

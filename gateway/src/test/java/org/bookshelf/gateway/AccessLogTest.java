package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessLogTest {

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @Test
  void a_proxied_request_is_one_json_line_with_request_and_upstream_fields() {
    stack.service().respond(r -> UpstreamResponse.json(201, "{\"isbn\":\"9781788395540\"}"));
    // $time_iso8601 has whole seconds.
    OffsetDateTime before = OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    var response =
        stack.http().send(
            "POST", "/books?dryRun=true", "{\"title\":\"x\"}",
            "Authorization", "Bearer " + Http.LOCAL_KEY,
            "X-Request-ID", "log-fields-1",
            "User-Agent", "access-log-test");
    JsonNode line = AccessLog.awaitLine(stack.gateway(), "log-fields-1");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(OffsetDateTime.parse(line.path("time").asText())).isBetween(before, OffsetDateTime.now());
    assertThat(line.path("client").asText()).isEqualTo("127.0.0.1");
    assertThat(line.path("method").asText()).isEqualTo("POST");
    assertThat(line.path("path").asText()).isEqualTo("/books");
    assertThat(line.path("query").asText()).isEqualTo("dryRun=true");
    assertThat(line.path("status").isInt()).isTrue();
    assertThat(line.path("status").asInt()).isEqualTo(201);
    assertThat(line.path("bytes").asInt()).isEqualTo(response.body().length());
    assertThat(line.path("request_time").isNumber()).isTrue();
    assertThat(line.path("upstream_addr").asText()).isEqualTo(stack.service().address());
    assertThat(line.path("upstream_status").asText()).isEqualTo("201");
    assertThat(Double.parseDouble(line.path("upstream_connect_time").asText())).isNotNegative();
    assertThat(Double.parseDouble(line.path("upstream_header_time").asText())).isNotNegative();
    assertThat(Double.parseDouble(line.path("upstream_response_time").asText())).isNotNegative();
    assertThat(line.path("api_client").asText()).isEqualTo("local");
    assertThat(line.path("user_agent").asText()).isEqualTo("access-log-test");
  }

  @Test
  void an_answer_from_the_gateway_itself_is_logged_without_upstream_and_with_the_raw_path() {
    Problems.assertProblem(stack.http().send("PATCH", "/books/123", "{}", "X-Request-ID", "log-405"), 405);

    JsonNode line = AccessLog.awaitLine(stack.gateway(), "log-405");

    assertThat(line.path("method").asText()).isEqualTo("PATCH");
    assertThat(line.path("path").asText()).isEqualTo("/books/123");
    assertThat(line.path("status").asInt()).isEqualTo(405);
    assertThat(line.path("upstream_addr").asText()).isEmpty();
    assertThat(line.path("api_client").asText()).isEmpty();
  }

  @Test
  void hostile_header_values_stay_inside_their_json_string() {
    stack.http().get("/", "X-Request-ID", "log-escape-1", "User-Agent", "evil\",\"status\":999,\"x\":\"");

    JsonNode line = AccessLog.awaitLine(stack.gateway(), "log-escape-1");

    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("user_agent").asText()).isEqualTo("evil\",\"status\":999,\"x\":\"");
  }
}

package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogTest {

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
  private TestApp app;

  @BeforeEach
  void start() {
    captured.start();
    logger.addAppender(captured);
    app = new TestApp(() -> {}, config -> config.routes.get("/things/{id}", ctx -> ctx.result("ok")));
  }

  @AfterEach
  void stop() {
    app.close();
    logger.detachAppender(captured);
  }

  @Test
  void one_line_per_request_with_method_route_path_status_duration_and_request_id()
      throws Exception {
    app.get("/things/42", "X-Request-ID", "rid-1", "X-Auth-Name", "web");

    List<String> lines = messages();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("method=GET route=/things/{id} path=/things/42 status=200 duration_ms=")
        .endsWith("caller=web");
    assertThat(captured.list.get(0).getMDCPropertyMap()).containsEntry("request_id", "rid-1");
  }

  @Test
  void the_json_line_has_each_value_as_a_field() throws Exception {
    app.get("/things/7", "X-Request-ID", "rid-3", "X-Auth-Name", "web");
    messages();

    Encoder<ILoggingEvent> json = LogEncoders.create(logger.getLoggerContext(), LogFormat.JSON);
    JsonNode line = new ObjectMapper().readTree(json.encode(captured.list.get(0)));
    assertThat(line.path("method").asText()).isEqualTo("GET");
    assertThat(line.path("route").asText()).isEqualTo("/things/{id}");
    assertThat(line.path("path").asText()).isEqualTo("/things/7");
    assertThat(line.path("status").isInt()).isTrue();
    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("duration_ms").isNumber()).isTrue();
    assertThat(line.path("caller").asText()).isEqualTo("web");
    assertThat(line.path("request_id").asText()).isEqualTo("rid-3");
  }

  @Test
  void unknown_route_is_logged_as_unmatched_with_404() throws Exception {
    app.get("/nope/1", "X-Request-ID", "rid-2");

    assertThat(messages())
        .singleElement()
        .asString()
        .contains("route=unmatched", "path=/nope/1", "status=404");
    assertThat(captured.list.get(0).getMDCPropertyMap()).containsEntry("request_id", "rid-2");
  }

  @Test
  void wrong_method_is_logged_with_405() throws Exception {
    app.send(
        java.net.http.HttpRequest.newBuilder(app.uri("/things/1"))
            .DELETE()
            .build());

    assertThat(messages()).singleElement().asString().contains("method=DELETE", "status=405");
  }

  private List<String> messages() {
    // The request logger runs after the response is sent: wait for it briefly.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (captured.list.isEmpty() && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

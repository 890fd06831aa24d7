package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static net.logstash.logback.argument.StructuredArguments.kv;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEncodersTest {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("test");

  private LoggingEvent event() {
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "{} {}",
            null,
            new Object[] {kv("status", 201), kv("route", "/books")});
    event.setMDCPropertyMap(
        Map.of(RequestIds.MDC_KEY, "rid-9", TraceIds.MDC_KEY, "0af7651916cd43dd8448eb211c80319c"));
    return event;
  }

  @Test
  void json_format_is_one_object_per_line_with_mdc_and_structured_fields() throws Exception {
    byte[] bytes = LogEncoders.create(context, LogFormat.JSON).encode(event());
    String line = new String(bytes, StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n").doesNotContain("\n\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("status=201 route=/books");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("request_id").asText()).isEqualTo("rid-9");
    assertThat(json.get("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(json.get("status").asInt()).isEqualTo(201);
    assertThat(json.get("route").asText()).isEqualTo("/books");
  }

  @Test
  void text_format_shows_level_request_id_and_message() {
    byte[] bytes = LogEncoders.create(context, LogFormat.TEXT).encode(event());
    String line = new String(bytes, StandardCharsets.UTF_8);

    assertThat(line)
        .contains("INFO", "rid=rid-9 trace=0af7651916cd43dd8448eb211c80319c", "status=201 route=/books")
        .endsWith("\n");
    assertThat(line).doesNotStartWith("{");
  }

  @Test
  void configurator_applies_level_and_format_from_the_environment() {
    LoggingConfigurator.apply(context, Map.of("LOG_LEVEL", "warn", "LOG_FORMAT", "json"));
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void configurator_falls_back_to_info_on_a_bad_value() {
    LoggingConfigurator.apply(context, Map.of("LOG_LEVEL", "loud"));
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
  }
}

package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.LogFormat;
import org.junit.jupiter.api.Test;

class WebConfigTest {

  @Test
  void defaults_to_port_3000_and_text_logs() {
    WebConfig config = WebConfig.from(Map.of());

    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.common().logFormat()).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void reads_port_and_log_format_from_the_environment() {
    WebConfig config = WebConfig.from(Map.of("PORT", "8081", "LOG_FORMAT", "json"));

    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.common().logFormat()).isEqualTo(LogFormat.JSON);
  }

  @Test
  void a_bad_port_fails_naming_the_variable() {
    assertThatThrownBy(() -> WebConfig.from(Map.of("PORT", "web")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT");
  }
}

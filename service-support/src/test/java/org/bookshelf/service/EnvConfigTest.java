package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConfigTest {

  @Test
  void unset_and_blank_values_take_the_defaults() {
    EnvConfig env = new EnvConfig(Map.of("PORT", "  "));
    assertThat(env.integer("PORT", 5000, 1, 65535)).isEqualTo(5000);
    assertThat(env.bool("SEED", true)).isTrue();
    assertThat(env.string("NAME", "x")).isEqualTo("x");
    assertThat(env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT)).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void valid_values_are_parsed() {
    EnvConfig env =
        new EnvConfig(Map.of("PORT", "8080", "SEED", "FALSE", "LOG_FORMAT", "json", "N", " a "));
    assertThat(env.integer("PORT", 5000, 1, 65535)).isEqualTo(8080);
    assertThat(env.bool("SEED", true)).isFalse();
    assertThat(env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT)).isEqualTo(LogFormat.JSON);
    assertThat(env.string("N", "x")).isEqualTo("a");
  }

  @Test
  void integer_out_of_range_names_the_variable_and_the_range() {
    EnvConfig env = new EnvConfig(Map.of("PORT", "70000"));
    assertThatThrownBy(() -> env.integer("PORT", 5000, 1, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT='70000' is not valid: expected an integer from 1 to 65535");
  }

  @Test
  void non_numeric_integer_is_rejected() {
    EnvConfig env = new EnvConfig(Map.of("DB_POOL_SIZE", "ten"));
    assertThatThrownBy(() -> env.integer("DB_POOL_SIZE", 10, 1, 100))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_SIZE='ten'");
  }

  @Test
  void bad_boolean_names_the_accepted_values() {
    EnvConfig env = new EnvConfig(Map.of("SEED_SAMPLE_DATA", "yes"));
    assertThatThrownBy(() -> env.bool("SEED_SAMPLE_DATA", true))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SEED_SAMPLE_DATA='yes' is not valid: expected true or false");
  }

  @Test
  void bad_enum_lists_the_accepted_values() {
    EnvConfig env = new EnvConfig(Map.of("LOG_FORMAT", "xml"));
    assertThatThrownBy(() -> env.oneOf("LOG_FORMAT", LogFormat.class, LogFormat.TEXT))
        .isInstanceOf(ConfigException.class)
        .hasMessage("LOG_FORMAT='xml' is not valid: expected one of text, json");
  }

  @Test
  void common_settings_read_log_and_shutdown_variables() {
    CommonSettings settings =
        CommonSettings.from(
            new EnvConfig(
                Map.of("LOG_FORMAT", "JSON", "LOG_LEVEL", "debug", "SHUTDOWN_TIMEOUT_SECONDS", "3")));
    assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(settings.logLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
  }
}

package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConfigTest {

  private static final Setting.Int PORT = Setting.integer("PORT", 5000, 1, 65535, "port");
  private static final Setting.Flag SEED = Setting.flag("SEED", true, "seed");
  private static final Setting.Text NAME = Setting.text("NAME", "x", "name");
  private static final Setting.Choice<LogFormat> FORMAT = CommonSettings.LOG_FORMAT;

  @Test
  void unset_and_blank_values_take_the_defaults() {
    EnvConfig env = new EnvConfig(Map.of("PORT", "  "));
    assertThat(env.get(PORT)).isEqualTo(5000);
    assertThat(env.get(SEED)).isTrue();
    assertThat(env.get(NAME)).isEqualTo("x");
    assertThat(env.get(FORMAT)).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void valid_values_are_parsed() {
    EnvConfig env =
        new EnvConfig(Map.of("PORT", "8080", "SEED", "FALSE", "LOG_FORMAT", "json", "NAME", " a "));
    assertThat(env.get(PORT)).isEqualTo(8080);
    assertThat(env.get(SEED)).isFalse();
    assertThat(env.get(FORMAT)).isEqualTo(LogFormat.JSON);
    assertThat(env.get(NAME)).isEqualTo("a");
  }

  @Test
  void integer_out_of_range_names_the_variable_and_the_range() {
    EnvConfig env = new EnvConfig(Map.of("PORT", "70000"));
    assertThatThrownBy(() -> env.get(PORT))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT='70000' is not valid: expected an integer from 1 to 65535");
  }

  @Test
  void non_numeric_integer_is_rejected() {
    EnvConfig env = new EnvConfig(Map.of("DB_POOL_SIZE", "ten"));
    assertThatThrownBy(() -> env.get(Setting.integer("DB_POOL_SIZE", 10, 1, 100, "pool")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_SIZE='ten'");
  }

  @Test
  void bad_boolean_names_the_accepted_values() {
    EnvConfig env = new EnvConfig(Map.of("SEED_SAMPLE_DATA", "yes"));
    assertThatThrownBy(() -> env.get(Setting.flag("SEED_SAMPLE_DATA", true, "seed")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SEED_SAMPLE_DATA='yes' is not valid: expected true or false");
  }

  @Test
  void bad_enum_lists_the_accepted_values() {
    EnvConfig env = new EnvConfig(Map.of("LOG_FORMAT", "xml"));
    assertThatThrownBy(() -> env.get(FORMAT))
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

  @Test
  void a_default_outside_its_own_range_is_a_programming_error() {
    assertThatThrownBy(() -> Setting.integer("N", 0, 1, 10, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("N: default 0");
  }

  @Test
  void settings_describe_their_defaults_and_accepted_values_in_words() {
    assertThat(PORT.defaultValue()).isEqualTo("5000");
    assertThat(PORT.accepts()).isEqualTo("an integer from 1 to 65535");
    assertThat(SEED.accepts()).isEqualTo("true or false");
    assertThat(FORMAT.defaultValue()).isEqualTo("text");
    assertThat(FORMAT.accepts()).isEqualTo("one of text, json");
  }
}

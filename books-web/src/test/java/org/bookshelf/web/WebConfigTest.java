package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.ServiceLoader;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.Setting;
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

  @Test
  void every_setting_it_declares_is_listed_for_the_docs_and_the_manifest_checks() throws Exception {
    for (var field : WebConfig.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Setting.class.isAssignableFrom(field.getType())) {
        assertThat(WebConfig.SETTINGS).as(field.getName()).contains((Setting) field.get(null));
      }
    }
    assertThat(WebConfig.SETTINGS).containsAll(CommonSettings.SETTINGS);
    assertThat(ServiceLoader.load(AppSettings.class).stream().map(p -> p.get().settings()))
        .contains(WebConfig.SETTINGS);
  }
}

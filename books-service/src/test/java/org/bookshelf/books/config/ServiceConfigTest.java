package org.bookshelf.books.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.Setting;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.LogFormat;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

  @Test
  void defaults_are_port_5000_and_an_h2_file_under_data() {
    ServiceConfig config = ServiceConfig.from(Map.of());
    assertThat(config.port()).isEqualTo(5000);
    assertThat(config.dbUrl())
        .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath() + "/books;")
        .contains(";WRITE_DELAY=0");
    assertThat(config.usesDefaultH2File()).isTrue();
    assertThat(config.databaseVendor()).isEqualTo(DatabaseVendor.H2);
    assertThat(config.seedSampleData()).isTrue();
    assertThat(config.dbPoolSize()).isEqualTo(10);
    assertThat(config.dbStatementTimeout()).hasMillis(100);
    assertThat(config.common().logFormat()).isEqualTo(LogFormat.TEXT);
  }

  @Test
  void env_overrides_every_setting() {
    ServiceConfig config =
        ServiceConfig.from(
            Map.of(
                "PORT", "8081",
                "DB_URL", "jdbc:postgresql://db:5432/books",
                "DB_USER", "books",
                "DB_PASSWORD", "secret",
                "DB_POOL_SIZE", "4",
                "DB_STATEMENT_TIMEOUT_MS", "0",
                "SEED_SAMPLE_DATA", "false",
                "LOG_FORMAT", "json"));
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.usesDefaultH2File()).isFalse();
    assertThat(config.databaseVendor()).isEqualTo(DatabaseVendor.POSTGRESQL);
    assertThat(config.dbPoolSize()).isEqualTo(4);
    assertThat(config.dbStatementTimeout()).isZero();
    assertThat(config.seedSampleData()).isFalse();
    assertThat(config.common().logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void bad_value_fails_naming_the_variable() {
    assertThatThrownBy(() -> ServiceConfig.from(Map.of("DB_POOL_SIZE", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_POOL_SIZE='1'");
    assertThatThrownBy(() -> ServiceConfig.from(Map.of("PORT", "http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT='http'");
  }

  @Test
  void every_setting_it_declares_is_listed_for_the_docs_and_the_manifest_checks() throws Exception {
    for (var field : ServiceConfig.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Setting.class.isAssignableFrom(field.getType())) {
        assertThat(ServiceConfig.SETTINGS).as(field.getName()).contains((Setting) field.get(null));
      }
    }
    assertThat(ServiceConfig.SETTINGS).containsAll(CommonSettings.SETTINGS);
    assertThat(ServiceLoader.load(AppSettings.class).stream().map(p -> p.get().settings()))
        .contains(ServiceConfig.SETTINGS);
  }

  @Test
  void the_issuer_loses_its_trailing_slash_and_must_be_an_absolute_url() {
    assertThat(ServiceConfig.from(Map.of("OIDC_ISSUER", "https://login.example.com/realms/books/")).oidcIssuer())
        .isEqualTo("https://login.example.com/realms/books");
    assertThat(ServiceConfig.from(Map.of()).oidcIssuer()).isEmpty();
    assertThatThrownBy(() -> ServiceConfig.from(Map.of("OIDC_ISSUER", "/auth/realms/bookshelf")))
        .hasMessageContaining("OIDC_ISSUER");
  }
}

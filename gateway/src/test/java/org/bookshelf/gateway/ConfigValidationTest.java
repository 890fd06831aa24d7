package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** render-config.sh: the environment is checked at start, a bad value names its variable. */
class ConfigValidationTest {

  @TempDir Path runtime;

  private static Map<String, String> valid() {
    var env = new HashMap<String, String>();
    env.put("BOOKS_SERVICE_UPSTREAM", "127.0.0.1:5000");
    env.put("BOOKS_WEB_UPSTREAM", "127.0.0.1:3000");
    env.put("GATEWAY_API_KEYS_FILE", GatewayFiles.defaultKeysFile().toString());
    return env;
  }

  @Test
  void defaults_render_a_config_that_nginx_accepts() throws Exception {
    RenderResult result = ConfigRenderer.render(valid(), runtime);
    Process check =
        new ProcessBuilder(
                NginxBinary.require().toString(), "-t", "-p", runtime + "/", "-c", runtime.resolve("nginx.conf").toString(), "-e", "stderr")
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(check.waitFor()).as(output).isZero();
    assertThat(Files.readString(runtime.resolve("api_gateway.conf"))).contains("listen 8080;");
    assertThat(Files.readString(runtime.resolve("status.conf"))).contains("listen 8081;");
  }

  @Test
  void nginx_variables_survive_rendering() throws IOException {
    ConfigRenderer.render(valid(), runtime);

    assertThat(Files.readString(runtime.resolve("api_conf.d/books.conf"))).contains("$bookshelf_write");
    assertThat(Files.readString(runtime.resolve("api_limits.conf"))).contains("$binary_remote_addr");
    assertThat(runtime.resolve("api_gateway.conf.template")).doesNotExist();
  }

  @Test
  void several_upstream_addresses_become_several_servers() throws IOException {
    var env = valid();
    env.put("BOOKS_SERVICE_UPSTREAM", "10.0.0.1:5000, 10.0.0.2:5000");

    ConfigRenderer.render(env, runtime);

    assertThat(Files.readString(runtime.resolve("api_backends.conf")))
        .contains("server 10.0.0.1:5000 max_fails=1 fail_timeout=10s;", "server 10.0.0.2:5000 max_fails=1 fail_timeout=10s;");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOKS_SERVICE_UPSTREAM | books-service",
        "BOOKS_WEB_UPSTREAM | http://books-web:3000",
        "GATEWAY_PORT | 99999",
        "GATEWAY_STATUS_PORT | 8080",
        "GATEWAY_WORKER_PROCESSES | many",
        "GATEWAY_RATE_LIMIT | fast",
        "GATEWAY_RATE_LIMIT_BURST | -1",
        "GATEWAY_RATE_LIMIT_BURST | 0",
        "GATEWAY_WRITE_RATE_LIMIT | 10",
        "GATEWAY_WRITE_RATE_LIMIT_BURST | ten",
        "GATEWAY_PROXY_CONNECT_TIMEOUT | 2",
        "GATEWAY_PROXY_READ_TIMEOUT | 30 s",
        "GATEWAY_API_KEYS_FILE | /nonexistent/keys.map"
      })
  void a_bad_value_stops_the_start_naming_the_variable(String variable, String value) {
    var env = valid();
    env.put(variable, value);

    RenderResult result = ConfigRenderer.render(env, runtime);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains(variable);
  }

  @Test
  void an_invalid_keys_file_line_is_reported_by_number_without_revealing_it(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("api-keys.map");
    Files.writeString(keys, "# comment\n0123456789abcdef0123 good;\nshort-secret-1 bad;\n");
    var env = valid();
    env.put("GATEWAY_API_KEYS_FILE", keys.toString());

    RenderResult result = ConfigRenderer.render(env, runtime);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("GATEWAY_API_KEYS_FILE", "invalid lines: 3").doesNotContain("short-secret-1");
  }

  @Test
  void the_default_local_key_is_accepted_with_a_warning() {
    RenderResult result = ConfigRenderer.render(valid(), runtime);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.stderr()).contains("WARNING", "bookshelf-local-key");
  }

  @Test
  void retry_after_follows_the_slowest_rate() throws IOException {
    var env = valid();
    env.put("GATEWAY_WRITE_RATE_LIMIT", "4r/m");

    ConfigRenderer.render(env, runtime);

    assertThat(Files.readString(runtime.resolve("api_limits.conf"))).contains("default 15;");
  }
}

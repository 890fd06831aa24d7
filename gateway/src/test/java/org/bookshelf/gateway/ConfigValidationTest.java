package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;
import org.bookshelf.testsupport.gateway.ConfigRenderer;
import org.bookshelf.testsupport.gateway.GatewayFiles;
import org.bookshelf.testsupport.gateway.NginxBinary;
import org.bookshelf.testsupport.gateway.RenderResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** render-config.sh: the environment is checked at start, a bad value names its variable. */
class ConfigValidationTest {

  private static final String DEFAULT_KEYS_FILE = "/etc/nginx/secrets/api-keys.map";

  private static final GatewayFiles FILES = GatewayFiles.locate();

  @TempDir Path runtime;

  private static Map<String, String> valid() {
    var env = new HashMap<String, String>();
    env.put("BOOKS_SERVICE_UPSTREAM", "127.0.0.1:5000");
    env.put("BOOKS_WEB_UPSTREAM", "127.0.0.1:3000");
    env.put("GATEWAY_API_KEYS_FILE", FILES.localKeysFile().toString());
    return env;
  }

  @Test
  void defaults_render_a_config_that_nginx_accepts() throws Exception {
    RenderResult result = ConfigRenderer.render(FILES, valid(), runtime);
    CommandResult check =
        Command.of(
                NginxBinary.require().toString(), "-t", "-p", runtime + "/", "-c", runtime.resolve("nginx.conf").toString(), "-e", "stderr")
            .mergingErrors()
            .within(Duration.ofSeconds(30))
            .run();

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(check.exitCode()).as(check.stdout()).isZero();
    assertThat(Files.readString(runtime.resolve("api_gateway.conf"))).contains("listen 8080;");
    assertThat(Files.readString(runtime.resolve("status.conf"))).contains("listen 8081;");
  }

  @Test
  void nginx_variables_survive_rendering() throws IOException {
    ConfigRenderer.render(FILES, valid(), runtime);

    assertThat(Files.readString(runtime.resolve("api_gateway.conf"))).contains("$bookshelf_write");
    assertThat(Files.readString(runtime.resolve("api_limits.conf"))).contains("$binary_remote_addr");
    assertThat(runtime.resolve("api_gateway.conf.template")).doesNotExist();
  }

  @Test
  void several_upstream_addresses_become_several_servers() throws IOException {
    var env = valid();
    env.put("BOOKS_SERVICE_UPSTREAM", "10.0.0.1:5000, 10.0.0.2:5000");

    ConfigRenderer.render(FILES, env, runtime);

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
        "GATEWAY_PROXY_SEND_TIMEOUT | 1h",
        "GATEWAY_PROXY_READ_TIMEOUT | 30 s",
        "GATEWAY_API_KEYS_FILE | /nonexistent/keys.map",
        "TOKEN_VERIFIER_UPSTREAM | http://token-verifier:8090",
        "IDENTITY_UPSTREAM | http://identity:8080/auth",
        "GATEWAY_METRICS_LOG | relative/access.log",
        "GATEWAY_METRICS_LOG | /run/x.log; error_log /tmp/y"
      })
  void a_bad_value_stops_the_start_naming_the_variable(String variable, String value) {
    var env = valid();
    env.put(variable, value);

    RenderResult result = ConfigRenderer.render(FILES, env, runtime);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains(variable);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "path /books/ | books.api:2: path",
        "collection GET FETCH | books.api:2: collection: unknown method 'FETCH'",
        "writes anyone | books.api:2: writes: only 'credential'",
        "colour blue | books.api:2: unknown field 'colour'",
        "retry http_500 | books.api:2: retry: 'http_500'"
      })
  void a_bad_route_declaration_stops_the_start_naming_its_file_and_line(String line, String message, @TempDir Path copy)
      throws IOException {
    GatewayFiles changed = FILES.copyTo(copy);
    Path books = changed.configSource().resolve("apis/books.api");
    Files.writeString(books, "# a comment\n" + line + "\n" + Files.readString(books));

    RenderResult result = ConfigRenderer.render(changed, valid(), runtime);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains(message);
  }

  @Test
  void the_build_check_renders_every_declared_upstream_on_loopback() throws IOException {
    RenderResult result = ConfigRenderer.render(FILES, Map.of("GATEWAY_API_KEYS_FILE", FILES.localKeysFile().toString()), runtime, "--check");

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(Files.readString(runtime.resolve("api_backends.conf"))).doesNotContain("down;");
    assertThat(Files.readString(runtime.resolve("api_gateway.conf"))).contains("include identity/enabled_routes.conf;");
  }

  @Test
  void an_invalid_keys_file_line_is_reported_by_number_without_revealing_it(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("api-keys.map");
    Files.writeString(keys, "# comment\n0123456789abcdef0123 good;\nshort-secret-1 bad;\n");
    var env = valid();
    env.put("GATEWAY_API_KEYS_FILE", keys.toString());

    RenderResult result = ConfigRenderer.render(FILES, env, runtime);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("GATEWAY_API_KEYS_FILE", "invalid lines: 3").doesNotContain("short-secret-1");
  }

  @Test
  void the_default_local_key_is_accepted_with_a_warning() {
    RenderResult result = ConfigRenderer.render(FILES, valid(), runtime);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.stderr()).contains("WARNING", "bookshelf-local-key");
  }

  @Test
  void without_a_key_file_at_the_default_path_the_start_says_what_to_mount_and_no_key_is_accepted() throws IOException {
    Assumptions.assumeFalse(
        Files.exists(Path.of(DEFAULT_KEYS_FILE)), "this machine has a key file at " + DEFAULT_KEYS_FILE);
    var env = valid();
    env.remove("GATEWAY_API_KEYS_FILE");

    RenderResult result = ConfigRenderer.render(FILES, env, runtime);

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(result.stderr()).contains("WARNING", "no API key file is mounted", DEFAULT_KEYS_FILE, "401");
    Matcher include = Pattern.compile("include (\\S+);").matcher(Files.readString(runtime.resolve("authorization.conf")));
    assertThat(include.find()).isTrue();
    assertThat(Files.readAllLines(Path.of(include.group(1)))).allMatch(line -> line.isBlank() || line.startsWith("#"));
  }

  @Test
  void without_a_key_file_but_with_a_verifier_the_start_says_writes_need_a_token_and_warns_no_more() {
    Assumptions.assumeFalse(
        Files.exists(Path.of(DEFAULT_KEYS_FILE)), "this machine has a key file at " + DEFAULT_KEYS_FILE);
    var env = valid();
    env.remove("GATEWAY_API_KEYS_FILE");
    env.put("TOKEN_VERIFIER_UPSTREAM", "127.0.0.1:8090");

    RenderResult result = ConfigRenderer.render(FILES, env, runtime);

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(result.stderr()).contains("writes need an access token", "127.0.0.1:8090").doesNotContain("WARNING");
  }

  @Test
  void send_and_read_timeouts_are_set_each_from_its_own_variable() throws IOException {
    var env = valid();
    env.put("GATEWAY_PROXY_SEND_TIMEOUT", "7s");
    env.put("GATEWAY_PROXY_READ_TIMEOUT", "9s");

    ConfigRenderer.render(FILES, env, runtime);

    assertThat(Files.readString(runtime.resolve("api_backends.conf")))
        .containsPattern("proxy_send_timeout\\s+7s;")
        .containsPattern("proxy_read_timeout\\s+9s;");
  }

  @Test
  void every_variable_a_template_uses_is_in_the_list_and_substituted() throws IOException {
    ConfigRenderer.render(FILES, valid(), runtime);

    try (Stream<Path> files = Files.walk(runtime)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("\\$\\{[A-Z]");
      }
    }
  }

  @Test
  void retry_after_follows_the_slowest_rate() throws IOException {
    var env = valid();
    env.put("GATEWAY_WRITE_RATE_LIMIT", "4r/m");

    ConfigRenderer.render(FILES, env, runtime);

    assertThat(Files.readString(runtime.resolve("api_limits.conf"))).contains("default 15;");
  }
}

package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.bookshelf.service.ConfigException;
import org.junit.jupiter.api.Test;

/** The runtime settings the app fetches at start: sign-in from the environment, or off. */
class AppConfigTest {

  @Test
  void without_an_issuer_sign_in_is_off() throws Exception {
    try (WebServer server = new WebServer(Bundle.onClasspath())) {
      HttpResponse<byte[]> config = server.get(AppConfigHandler.PATH);

      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(config.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(new String(config.body())).isEqualTo("{\"signIn\":null}");
    }
  }

  @Test
  void an_issuer_turns_sign_in_on_with_the_client_and_role_settings() throws Exception {
    Map<String, String> env =
        Map.of("OIDC_ISSUER", "https://books.example.com/auth/realms/bookshelf/", "OIDC_ROLE_CLAIM", "roles");
    try (WebServer server = new WebServer(Bundle.onClasspath(), env)) {
      assertThat(new String(server.get(AppConfigHandler.PATH).body()))
          .isEqualTo(
              "{\"signIn\":{\"issuer\":\"https://books.example.com/auth/realms/bookshelf\","
                  + "\"clientId\":\"bookshelf-web\",\"roleClaim\":\"roles\",\"editorRole\":\"editor\"}}");
    }
  }

  @Test
  void an_issuer_that_is_not_an_http_url_fails_naming_the_variable() {
    assertThatThrownBy(() -> WebConfig.from(Map.of("OIDC_ISSUER", "keycloak/realms/bookshelf")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OIDC_ISSUER");
  }
}

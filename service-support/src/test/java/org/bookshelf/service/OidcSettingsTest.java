package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidcSettingsTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/auth/realms/bookshelf", "https://books.example.com/auth/"})
  void an_absolute_http_or_https_url_is_accepted_as_it_is(String url) {
    assertThat(OidcSettings.httpUrl(OidcSettings.ISSUER, url)).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "keycloak/realms/bookshelf", "https:///no-host", "http://bad host/"})
  void anything_else_fails_naming_the_variable(String value) {
    assertThatThrownBy(() -> OidcSettings.httpUrl(OidcSettings.ISSUER, value))
        .isInstanceOf(ConfigException.class)
        .hasMessage("OIDC_ISSUER='" + value + "' is not valid: expected an absolute http(s) URL");
  }
}

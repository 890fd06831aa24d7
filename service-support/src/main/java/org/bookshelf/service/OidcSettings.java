package org.bookshelf.service;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The OpenID Connect settings the token verifier and books-web share (books-service reads the
 * issuer too, for its OpenAPI document): one issuer, one role claim
 * and one required role, so the app shows the edit controls to exactly the callers the gateway
 * lets write. Declared once here because compose and the manifests give both apps one value.
 */
public final class OidcSettings {

  public static final Setting.Text ISSUER =
      Setting.text(
          "OIDC_ISSUER", "",
          "the OpenID Connect issuer URL, exactly as tokens carry it in `iss` and as browsers reach"
              + " it on the app's origin (e.g. `https://books.example.com/auth/realms/bookshelf`);"
              + " required by the token verifier; empty in books-web: sign-in and editing are off;"
              + " books-service names its discovery document in the public OpenAPI document (empty:"
              + " the local provider's under `/auth/`)");
  public static final Setting.Text ROLE_CLAIM =
      Setting.text(
          "OIDC_ROLE_CLAIM", "realm_access.roles",
          "dotted path to the token claim listing the caller's roles (default: Keycloak's realm"
              + " roles; e.g. `roles` for Entra ID)");
  public static final Setting.Text REQUIRED_ROLE =
      Setting.text(
          "OIDC_REQUIRED_ROLE", "editor",
          "the role a token needs to write (else 403); books-web shows its holders the edit controls");

  private OidcSettings() {}

  /**
   * {@code value} as an absolute http(s) URL; anything else (a relative path, {@code file:})
   * fails naming {@code setting}, at startup rather than at the first sign-in or key fetch.
   */
  public static URI httpUrl(Setting setting, String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the message below
    }
    throw new ConfigException(setting.name() + "='" + value + "' is not valid: expected an absolute http(s) URL");
  }
}

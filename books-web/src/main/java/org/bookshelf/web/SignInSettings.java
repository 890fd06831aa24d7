package org.bookshelf.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.Setting;

/**
 * What the browser app needs to sign people in with any OpenID Connect issuer: the issuer URL,
 * its client id, where the roles are in a token and which role may edit. No issuer means sign-in
 * is off: the app hides it and says editing is off.
 */
public record SignInSettings(String issuer, String clientId, String roleClaim, String editorRole) {

  public static final Setting.Text ISSUER =
      Setting.text(
          "OIDC_ISSUER",
          "",
          "OpenID Connect issuer the app signs people in with (the browser must reach it on the app's origin,"
              + " e.g. `https://books.example.com/auth/realms/bookshelf`); empty: sign-in and editing are off");
  public static final Setting.Text CLIENT_ID =
      Setting.text("OIDC_CLIENT_ID", "bookshelf-web", "the issuer's public client for the app (code + PKCE)");
  public static final Setting.Text ROLE_CLAIM =
      Setting.text(
          "OIDC_ROLE_CLAIM",
          "realm_access.roles",
          "dot path of the roles in the access token (else the ID token), e.g. `roles` for Entra ID");
  public static final Setting.Text EDITOR_ROLE =
      Setting.text(
          "OIDC_REQUIRED_ROLE", "editor", "the role the gateway requires for writes: its holders see the edit controls");

  public static final List<Setting> SETTINGS = List.of(ISSUER, CLIENT_ID, ROLE_CLAIM, EDITOR_ROLE);

  /** Empty when no issuer is set; a set issuer must be an absolute http(s) URL. */
  public static Optional<SignInSettings> from(EnvConfig env) {
    String issuer = env.get(ISSUER);
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    if (!isHttpUrl(issuer)) {
      throw new ConfigException(
          ISSUER.name() + "='" + issuer + "' is not valid: expected an absolute http(s) URL");
    }
    return Optional.of(
        new SignInSettings(
            issuer.replaceAll("/+$", ""), env.get(CLIENT_ID), env.get(ROLE_CLAIM), env.get(EDITOR_ROLE)));
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}

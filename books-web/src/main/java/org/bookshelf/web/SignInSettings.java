package org.bookshelf.web;

import java.util.List;
import java.util.Optional;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.OidcSettings;
import org.bookshelf.service.Setting;

/**
 * What the browser app needs to sign people in with any OpenID Connect issuer: the issuer URL,
 * its client id, where the roles are in a token and which role may edit. The issuer and role
 * settings are the token verifier's too ({@link OidcSettings}), so the app offers editing to the
 * callers the gateway lets write. No issuer means sign-in is off: the app hides it and says
 * editing is off.
 */
public record SignInSettings(String issuer, String clientId, String roleClaim, String editorRole) {

  public static final Setting.Text CLIENT_ID =
      Setting.text("OIDC_CLIENT_ID", "bookshelf-web", "the issuer's public client for the app (code + PKCE)");

  public static final List<Setting> SETTINGS =
      List.of(OidcSettings.ISSUER, CLIENT_ID, OidcSettings.ROLE_CLAIM, OidcSettings.REQUIRED_ROLE);

  /** Empty when no issuer is set; a set issuer must be an absolute http(s) URL. */
  public static Optional<SignInSettings> from(EnvConfig env) {
    String issuer = env.get(OidcSettings.ISSUER);
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    OidcSettings.httpUrl(OidcSettings.ISSUER, issuer);
    return Optional.of(
        new SignInSettings(
            issuer.replaceAll("/+$", ""),
            env.get(CLIENT_ID),
            env.get(OidcSettings.ROLE_CLAIM),
            env.get(OidcSettings.REQUIRED_ROLE)));
  }
}

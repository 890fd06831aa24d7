package org.bookshelf.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.OidcSettings;
import org.bookshelf.service.Setting;

/**
 * Every setting of the token verifier, from environment variables. Only the issuer has no
 * default: a verifier that does not know whose tokens to accept refuses to start.
 */
public record VerifierConfig(
    int port,
    String issuer,
    String audience,
    Optional<URI> jwksUri,
    Set<JWSAlgorithm> algorithms,
    List<String> roleClaimPath,
    String requiredRole,
    String nameClaim,
    Duration clockSkew,
    Duration jwksCacheTtl,
    Duration jwksMinRefreshInterval,
    Duration jwksOutageTolerance,
    int maxTokenBytes,
    Duration verdictCacheTtl,
    CommonSettings common) {

  /** Asymmetric signatures only: HMAC would let anyone holding the public key sign. */
  static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.copyOf(
          new LinkedHashSet<>(
              List.of(
                  JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                  JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                  JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512)));

  public static final Setting.Int PORT = Setting.integer("PORT", 8090, 1, 65535, "HTTP port");
  public static final Setting.Text OIDC_AUDIENCE =
      Setting.text(
          "OIDC_AUDIENCE", "bookshelf-api",
          "a token's `aud` must contain this (`azp` is not accepted in its place)");
  public static final Setting.Text OIDC_JWKS_URI =
      Setting.text(
          "OIDC_JWKS_URI", "",
          "where the issuer's signing keys are; empty: `jwks_uri` of the issuer's discovery"
              + " document, read at start");
  public static final Setting.Text OIDC_ALGORITHMS =
      Setting.text(
          "OIDC_ALGORITHMS", "RS256,PS256,ES256",
          "the `alg` values accepted, comma-separated; asymmetric only (RS*, PS*, ES*), never"
              + " `none` or HS*");
  public static final Setting.Text OIDC_NAME_CLAIM =
      Setting.text(
          "OIDC_NAME_CLAIM", "preferred_username",
          "the claim sent on as the caller's name (`X-Auth-Name`); `sub` when absent");
  public static final Setting.Int OIDC_CLOCK_SKEW_SECONDS =
      Setting.integer(
          "OIDC_CLOCK_SKEW_SECONDS", 30, 0, 300, "tolerance for `exp` and `nbf` against this clock");
  public static final Setting.Int JWKS_CACHE_SECONDS =
      Setting.integer(
          "JWKS_CACHE_SECONDS", 300, 1, 86400,
          "how long fetched keys are used before a refresh (refreshed ahead, in the background)");
  public static final Setting.Int JWKS_MIN_REFRESH_INTERVAL_SECONDS =
      Setting.integer(
          "JWKS_MIN_REFRESH_INTERVAL_SECONDS", 30, 1, 3600,
          "least time between two key fetches a token with an unknown `kid` can cause");
  public static final Setting.Int JWKS_OUTAGE_TOLERANCE_SECONDS =
      Setting.integer(
          "JWKS_OUTAGE_TOLERANCE_SECONDS", 21600, 0, 604800,
          "while the issuer cannot be reached, how long the last keys fetched stay in use");
  public static final Setting.Int MAX_TOKEN_BYTES =
      Setting.integer(
          "MAX_TOKEN_BYTES", 8192, 256, 65536, "longer `Authorization` values are refused (401)");
  public static final Setting.Int VERDICT_CACHE_SECONDS =
      Setting.integer(
          "VERDICT_CACHE_SECONDS", 30, 0, 300,
          "how long the gateway may reuse an acceptance (`X-Accel-Expires`), never past the"
              + " token's `exp`; 0: never");

  /** Every variable the verifier reads; the issuer and role settings are books-web's too. */
  public static final List<Setting> SETTINGS =
      Stream.concat(
              Stream.of(
                  PORT, OidcSettings.ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URI, OIDC_ALGORITHMS,
                  OidcSettings.ROLE_CLAIM, OidcSettings.REQUIRED_ROLE, OIDC_NAME_CLAIM,
                  OIDC_CLOCK_SKEW_SECONDS,
                  JWKS_CACHE_SECONDS, JWKS_MIN_REFRESH_INTERVAL_SECONDS,
                  JWKS_OUTAGE_TOLERANCE_SECONDS, MAX_TOKEN_BYTES, VERDICT_CACHE_SECONDS),
              CommonSettings.SETTINGS.stream())
          .toList();

  public static VerifierConfig from(Map<String, String> environment) {
    EnvConfig env = new EnvConfig(environment);
    String issuer = env.get(OidcSettings.ISSUER);
    if (issuer.isEmpty()) {
      throw new ConfigException(OidcSettings.ISSUER.name() + " is required: the issuer whose tokens are accepted");
    }
    OidcSettings.httpUrl(OidcSettings.ISSUER, issuer);
    String jwks = env.get(OIDC_JWKS_URI);
    int cacheSeconds = env.get(JWKS_CACHE_SECONDS);
    int minRefresh = env.get(JWKS_MIN_REFRESH_INTERVAL_SECONDS);
    if (minRefresh >= cacheSeconds && cacheSeconds > 1) {
      // Nimbus: the rate limit must let the cache refresh within its lifetime.
      minRefresh = Math.max(1, cacheSeconds - 1);
    }
    return new VerifierConfig(
        env.get(PORT),
        issuer,
        env.get(OIDC_AUDIENCE),
        jwks.isEmpty() ? Optional.empty() : Optional.of(OidcSettings.httpUrl(OIDC_JWKS_URI, jwks)),
        algorithms(env.get(OIDC_ALGORITHMS)),
        List.of(env.get(OidcSettings.ROLE_CLAIM).split("\\.")),
        env.get(OidcSettings.REQUIRED_ROLE),
        env.get(OIDC_NAME_CLAIM),
        Duration.ofSeconds(env.get(OIDC_CLOCK_SKEW_SECONDS)),
        Duration.ofSeconds(cacheSeconds),
        Duration.ofSeconds(minRefresh),
        Duration.ofSeconds(env.get(JWKS_OUTAGE_TOLERANCE_SECONDS)),
        env.get(MAX_TOKEN_BYTES),
        Duration.ofSeconds(env.get(VERDICT_CACHE_SECONDS)),
        CommonSettings.from(env));
  }

  static Set<JWSAlgorithm> algorithms(String list) {
    Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      JWSAlgorithm alg = JWSAlgorithm.parse(name.trim());
      if (!ASYMMETRIC.contains(alg)) {
        throw new ConfigException(
            OIDC_ALGORITHMS.name() + "='" + list + "' is not valid: '" + name.trim()
                + "' is not one of " + Arrays.toString(ASYMMETRIC.stream().map(JWSAlgorithm::getName).sorted().toArray()));
      }
      chosen.add(alg);
    }
    return Set.copyOf(chosen);
  }

  /** The verifier's environment for the docs and manifest checks (META-INF/services). */
  public static final class Declared implements AppSettings {

    @Override
    public String image() {
      return "books-token-verifier";
    }

    @Override
    public List<Setting> settings() {
      return SETTINGS;
    }
  }
}

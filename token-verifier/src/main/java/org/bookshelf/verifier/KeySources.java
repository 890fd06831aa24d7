package org.bookshelf.verifier;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import org.bookshelf.service.ConfigException;

/**
 * The issuer's signing keys, with Nimbus's JWK set source stack instead of hand-written code:
 * cached for {@code JWKS_CACHE_SECONDS} and refreshed ahead of expiry by a background task (a
 * rotation is picked up with no restart); a token with an unknown {@code kid} forces a refresh,
 * at most one per {@code JWKS_MIN_REFRESH_INTERVAL_SECONDS} (garbage {@code kid}s cannot turn
 * the verifier into a load generator against the issuer); one retry on a network error; and
 * while the issuer is unreachable the last keys stay in use for
 * {@code JWKS_OUTAGE_TOLERANCE_SECONDS}, so writes with still-valid tokens go on.
 */
final class KeySources {

  private static final int TIMEOUT_MS = 2000;
  private static final int SIZE_LIMIT_BYTES = 256 * 1024;

  private KeySources() {}

  static JWKSource<SecurityContext> of(VerifierConfig config) {
    ResourceRetriever http = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT_BYTES);
    URL jwks = url(config.jwksUri().orElseGet(() -> discover(config.issuer(), http)));
    long ttl = config.jwksCacheTtl().toMillis();
    // Nimbus wants refresh-ahead time + refresh timeout below the time to live.
    long quarter = ttl / 4;
    JWKSourceBuilder<SecurityContext> builder =
        JWKSourceBuilder.<SecurityContext>create(jwks, http)
            .cache(ttl, Math.min(TIMEOUT_MS, quarter))
            .refreshAheadCache(Math.min(quarter, JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME), true)
            .rateLimited(config.jwksMinRefreshInterval().toMillis())
            .retrying(true);
    long outage = config.jwksOutageTolerance().toMillis();
    builder = outage > 0 ? builder.outageTolerant(outage) : builder.outageTolerant(false);
    return builder.build();
  }

  /** OpenID Connect Discovery 1.0: {@code jwks_uri}, from a document whose issuer matches. */
  static URI discover(String issuer, ResourceRetriever http) {
    URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    try {
      var json = JSONObjectUtils.parse(http.retrieveResource(url(document)).getContent());
      if (!issuer.equals(JSONObjectUtils.getString(json, "issuer"))) {
        throw new ConfigException(
            "the discovery document at " + document + " names issuer '"
                + JSONObjectUtils.getString(json, "issuer") + "', not OIDC_ISSUER '" + issuer + "'");
      }
      return JSONObjectUtils.getURI(json, "jwks_uri");
    } catch (IOException | ParseException e) {
      throw new ConfigException(
          "cannot read the issuer's discovery document at " + document + " (" + e.getMessage()
              + "); set OIDC_JWKS_URI to skip discovery");
    }
  }

  private static URL url(URI uri) {
    try {
      return uri.toURL();
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("not a usable URL: " + uri);
    }
  }
}

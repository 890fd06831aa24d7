package org.bookshelf.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies one access token with Nimbus JOSE+JWT: a signed JWT (never unsecured, never
 * encrypted), {@code alg} from the allow-list and signed by a key of the issuer's JWK set,
 * {@code iss} exactly the issuer, {@code aud} containing the audience, {@code exp} (required)
 * and {@code nbf} within the clock skew, {@code sub} present; then the required role at the
 * configured claim path. {@code azp} is not accepted in place of {@code aud}: it names the
 * client the token was issued to, not the API it is meant for (RFC 9068 section 4).
 */
final class TokenVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
  /** Header-safe names: printable ASCII without quotes or backslashes, bounded. */
  private static final Pattern HEADER_SAFE = Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]{1,128}");

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final List<String> roleClaimPath;
  private final String requiredRole;
  private final String nameClaim;

  TokenVerifier(VerifierConfig config, JWKSource<SecurityContext> keys) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(config.algorithms(), keys));
    var claims =
        new DefaultJWTClaimsVerifier<SecurityContext>(
            Set.of(config.audience()),
            new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
            Set.of("sub", "exp"),
            Set.of());
    claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
    this.roleClaimPath = config.roleClaimPath();
    this.requiredRole = config.requiredRole();
    this.nameClaim = config.nameClaim();
  }

  Verdict verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return Verdict.Refused.invalidToken("The token is not a JWT.");
    } catch (BadJWTException e) {
      // Claims: the message says which (expired, issuer, audience...), never the token.
      return Verdict.Refused.invalidToken("The token's claims are not accepted: " + safe(e.getMessage()));
    } catch (KeySourceException e) {
      LOG.warn("the issuer's keys could not be fetched: {}", e.getMessage());
      return Verdict.Refused.invalidToken("The issuer's signing keys are not available.");
    } catch (BadJOSEException e) {
      return Verdict.Refused.invalidToken("The token's signature or algorithm is not accepted.");
    } catch (JOSEException e) {
      return Verdict.Refused.invalidToken("The token's signature cannot be checked.");
    }
    String subject = claims.getSubject();
    if (!HEADER_SAFE.matcher(subject).matches()) {
      return Verdict.Refused.invalidToken("The token's subject is not a plain text of up to 128 characters.");
    }
    if (!roles(claims).contains(requiredRole)) {
      return Verdict.Refused.insufficientScope("Writes need the role " + requiredRole + ".");
    }
    Object name = claims.getClaim(nameClaim);
    String shown = name instanceof String s && HEADER_SAFE.matcher(s).matches() ? s : subject;
    return new Verdict.Granted(subject, shown, claims.getExpirationTime().toInstant());
  }

  /** The strings at the role claim path, e.g. realm_access.roles; none if anything else is there. */
  private List<String> roles(JWTClaimsSet claims) {
    Object node = claims.getClaims();
    for (String step : roleClaimPath) {
      if (!(node instanceof Map<?, ?> map)) {
        return List.of();
      }
      node = map.get(step);
    }
    if (node instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return node instanceof String single ? List.of(single) : List.of();
  }

  /** Nimbus's claim messages are fixed texts, plus claim names; kept to safe characters. */
  private static String safe(String message) {
    String cleaned = message == null ? "" : message.replaceAll("[^A-Za-z0-9 .,:;()/_-]", "");
    return cleaned.length() > 160 ? cleaned.substring(0, 160) : cleaned;
  }
}

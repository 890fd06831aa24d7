package org.bookshelf.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bookshelf.service.IdentityHeaders;
import org.bookshelf.service.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier's answers to the gateway, over real HTTP with real RSA signatures: the caller
 * and a cache lifetime that never outlives the token, or the RFC 6750 error and a reason.
 * (Every hostile token, through nginx: the gateway module's JwtAuthenticationTest.)
 */
class VerifyRouteTest {

  private static final String ISSUER = "http://issuer.test/realms/bookshelf";
  private static RSAKey key;
  private static Javalin app;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws JOSEException {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    VerifierConfig config = VerifierConfig.from(Map.of("OIDC_ISSUER", ISSUER, "VERDICT_CACHE_SECONDS", "30"));
    app = VerifierApp.create(config, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), Metrics.newRegistry())
        .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static String token(Instant exp, List<String> roles) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer(ISSUER).audience("bookshelf-api").subject("s-1")
            .claim("preferred_username", "editor").claim("realm_access", Map.of("roles", roles))
            .expirationTime(Date.from(exp)).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static HttpResponse<String> verify(String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/verify"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_editor_gets_204_with_the_caller_and_a_cache_lifetime_of_at_most_the_verdict_ttl() throws Exception {
    long now = Instant.now().getEpochSecond();

    var response = verify(token(Instant.now().plusSeconds(300), List.of("editor")));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue(IdentityHeaders.SUBJECT)).hasValue("s-1");
    assertThat(response.headers().firstValue(IdentityHeaders.NAME)).hasValue("editor");
    long until = Long.parseLong(response.headers().firstValue("X-Accel-Expires").orElseThrow().substring(1));
    assertThat(until).isBetween(now + 29, now + 31);
  }

  @Test
  void a_token_about_to_expire_is_cached_until_its_exp_and_no_longer() throws Exception {
    Instant exp = Instant.now().plusSeconds(5);

    var response = verify(token(exp, List.of("editor")));

    assertThat(response.headers().firstValue("X-Accel-Expires")).hasValue("@" + exp.getEpochSecond());
  }

  @Test
  void a_token_past_exp_but_within_the_skew_is_accepted_and_never_cached() throws Exception {
    var response = verify(token(Instant.now().minusSeconds(10), List.of("editor")));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("X-Accel-Expires")).hasValue("0");
  }

  @Test
  void without_the_role_403_insufficient_scope_and_nothing_cached() throws Exception {
    var response = verify(token(Instant.now().plusSeconds(300), List.of("reader")));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("X-Auth-Error")).hasValue("insufficient_scope");
    assertThat(response.headers().firstValue("X-Accel-Expires")).hasValue("0");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).contains("https://bookshelf.example/problems/forbidden");
  }
}

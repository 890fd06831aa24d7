package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bookshelf.service.IdentityHeaders;
import org.bookshelf.testsupport.gateway.FreePort;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes with access tokens, through the real nginx to the real token verifier (in-process),
 * which reads a JWK set from an in-test issuer (real RSA keys, no mocks). Every hostile
 * credential of issue 12 is refused with the RFC 6750 answer and never reaches books-service
 * (the in-process upstream records nothing); a valid token reaches it with the caller in the
 * identity headers, whatever the client sent in them.
 */
class JwtAuthenticationTest {

  private static final String CHALLENGE = "Bearer realm=\"bookshelf\"";
  private static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";
  private static final String INSUFFICIENT_SCOPE = CHALLENGE + ", error=\"insufficient_scope\"";

  static final TestIssuer issuer = TestIssuer.start();
  static final InProcessVerifier verifier = new InProcessVerifier(issuer.verifierEnv());

  @RegisterExtension
  static final GatewayStack stack =
      new GatewayStack(Map.of("TOKEN_VERIFIER_UPSTREAM", verifier.address()));

  @AfterAll
  static void stop() {
    verifier.close();
    issuer.close();
  }

  private HttpResponse<String> write(String authorization, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = authorization;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return stack.http().send("POST", "/books", "{}", all);
  }

  private void assertRefused(HttpResponse<String> response, int status, String challenge) {
    Problems.assertProblem(response, status);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    assertThat(stack.service().requests()).as("requests that reached books-service").isEmpty();
  }

  @Test
  void a_valid_editor_token_writes_and_books_service_gets_the_caller() {
    var response =
        write("Bearer " + issuer.token(), IdentityHeaders.NAME, "admin", IdentityHeaders.SUBJECT, "root",
            "X-Api-Client", "admin");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest forwarded = stack.service().lastRequest();
    assertThat(forwarded.headerValues(IdentityHeaders.SUBJECT)).containsExactly("3b1c6f0e-editor");
    assertThat(forwarded.headerValues(IdentityHeaders.NAME)).containsExactly("editor");
    assertThat(forwarded.header("Authorization")).isEmpty();
    assertThat(forwarded.header("X-Api-Client")).isEmpty();
  }

  @Test
  void the_scheme_is_case_insensitive_as_rfc_9110_says_so_lowercase_bearer_with_a_valid_token_writes() {
    var response = write("bearer " + issuer.token());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stack.service().lastRequest().headerValues(IdentityHeaders.NAME)).containsExactly("editor");
  }

  @Test
  void lowercase_bearer_with_a_bad_token_is_refused_like_any_bad_token() {
    assertRefused(write("bearer " + issuer.token(c -> c.issuer("http://evil.test/"))), 401, INVALID_TOKEN);
  }

  @Test
  void a_client_sent_identity_never_reaches_books_service_on_a_read() {
    stack.http().get("/books", IdentityHeaders.NAME, "admin", IdentityHeaders.SUBJECT, "root");

    assertThat(stack.service().lastRequest().header(IdentityHeaders.NAME)).isEmpty();
    assertThat(stack.service().lastRequest().header(IdentityHeaders.SUBJECT)).isEmpty();
  }

  @Test
  void no_token_is_401_with_a_bare_challenge() {
    var response = stack.http().send("POST", "/books", "{}");

    assertRefused(response, 401, CHALLENGE);
  }

  @Test
  void garbage_is_401() {
    assertRefused(write("Bearer not-a-token-at-all"), 401, INVALID_TOKEN);
    assertRefused(write("Bearer aaaa.bbbb.cccc"), 401, INVALID_TOKEN);
  }

  @Test
  void an_unsecured_alg_none_token_is_401() {
    String unsecured = new PlainJWT(new PlainHeader(), TestIssuer.editorClaims().build()).serialize();

    assertRefused(write("Bearer " + unsecured), 401, INVALID_TOKEN);
    // The same with a dummy signature part, so it reaches the verifier.
    assertRefused(write("Bearer " + unsecured + "AAAA"), 401, INVALID_TOKEN);
  }

  @Test
  void hs256_signed_with_the_public_key_as_secret_is_401() throws JOSEException {
    RSAKey key = issuer.signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
            TestIssuer.editorClaims().build());
    jwt.sign(new MACSigner(key.toPublicKey().getEncoded()));

    assertRefused(write("Bearer " + jwt.serialize()), 401, INVALID_TOKEN);
  }

  @Test
  void a_token_signed_by_an_unknown_key_under_a_known_kid_is_401() throws JOSEException {
    RSAKey impostor =
        new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(issuer.signingKey().getKeyID()).generate();

    assertRefused(write("Bearer " + TestIssuer.sign(impostor, c -> {})), 401, INVALID_TOKEN);
  }

  @Test
  void a_token_with_an_unknown_kid_is_401() {
    assertRefused(write("Bearer " + TestIssuer.sign(TestIssuer.newKey(), c -> {})), 401, INVALID_TOKEN);
  }

  @Test
  void an_expired_token_is_401() {
    Instant past = Instant.now().minusSeconds(600);
    String token = issuer.token(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))));

    assertRefused(write("Bearer " + token), 401, INVALID_TOKEN);
  }

  @Test
  void a_token_not_yet_valid_is_401() {
    String token = issuer.token(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(300))));

    assertRefused(write("Bearer " + token), 401, INVALID_TOKEN);
  }

  @Test
  void a_token_from_another_issuer_is_401() {
    assertRefused(write("Bearer " + issuer.token(c -> c.issuer(TestIssuer.ISSUER + "x"))), 401, INVALID_TOKEN);
  }

  @Test
  void a_token_for_another_audience_is_401_even_when_azp_is_the_audience() {
    String token = issuer.token(c -> c.audience("account").claim("azp", TestIssuer.AUDIENCE));

    assertRefused(write("Bearer " + token), 401, INVALID_TOKEN);
  }

  @Test
  void a_valid_token_without_the_editor_role_is_403_insufficient_scope() {
    String reader = issuer.token(c -> c.claim("realm_access", Map.of("roles", List.of("offline_access"))));

    var response = write("Bearer " + reader);

    assertRefused(response, 403, INSUFFICIENT_SCOPE);
    assertThat(Problems.assertProblem(response, 403).path("detail").asText()).contains("editor");
  }

  @Test
  void a_tampered_payload_is_401() {
    String[] parts = issuer.token(c -> c.claim("realm_access", Map.of("roles", List.of()))).split("\\.");
    String promoted =
        Base64URL.encode(TestIssuer.editorClaims().subject("someone-else").build().toString()).toString();

    assertRefused(write("Bearer " + parts[0] + "." + promoted + "." + parts[2]), 401, INVALID_TOKEN);
  }

  @Test
  void a_9_kb_token_is_refused_before_any_check() {
    String big = "Bearer " + issuer.token(c -> c.claim("padding", "x".repeat(9 * 1024)));
    assertThat(big.length()).isGreaterThan(9 * 1024);

    var response = write(big);

    // nginx refuses a header line over 8 KB itself (large_client_header_buffers): 431.
    Problems.assertProblem(response, 431);
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void two_authorization_headers_are_a_bad_request() {
    var response =
        stack.http().send("POST", "/books", "{}",
            "Authorization", "Bearer " + issuer.token(), "Authorization", "Bearer " + Http.LOCAL_KEY);

    // nginx itself refuses a duplicate Authorization line (1.22 and later): 400.
    Problems.assertProblem(response, 400);
    assertThat(stack.service().requests()).isEmpty();
  }

  @Test
  void with_the_verifier_unreachable_a_token_write_is_refused_while_keys_and_reads_still_work() {
    String closed = "127.0.0.1:" + FreePort.next();
    try (var gateway = TestGateway.start(stack.service().address(), stack.web().address(), Map.of("TOKEN_VERIFIER_UPSTREAM", closed))) {
      var http = new Http(gateway);

      // auth_request turns anything but 2xx/401/403 into 500: fail closed.
      Problems.assertProblem(http.send("POST", "/books", "{}", "Authorization", "Bearer " + issuer.token()), 500);
      assertThat(stack.service().requests()).isEmpty();
      assertThat(http.send("POST", "/books", "{}", "Authorization", "Bearer " + Http.LOCAL_KEY).statusCode()).isEqualTo(200);
      assertThat(http.get("/books").statusCode()).isEqualTo(200);
      assertThat(stack.service().requests()).hasSize(2);
    }
  }

  @Test
  void without_a_verifier_configured_no_token_is_accepted() {
    try (var gateway = TestGateway.start(stack.service().address(), stack.web().address(), Map.of())) {
      var response = new Http(gateway).send("POST", "/books", "{}", "Authorization", "Bearer " + issuer.token());

      assertRefused(response, 401, INVALID_TOKEN);
    }
  }

  @Test
  void an_acceptance_is_cached_so_a_burst_of_writes_costs_one_verification() {
    String token = "Bearer " + issuer.token();
    long before = verifier.verifications();

    for (int i = 0; i < 5; i++) {
      assertThat(write(token).statusCode()).isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(verifier.verifications()).isEqualTo(before + 1));
    assertThat(stack.service().requests()).hasSize(5)
        .allSatisfy(r -> assertThat(r.headerValues(IdentityHeaders.NAME)).containsExactly("editor"));
  }

  @Test
  void a_new_signing_key_is_accepted_without_a_restart() {
    RSAKey next = TestIssuer.newKey();
    String token = "Bearer " + TestIssuer.sign(next, c -> {});
    issuer.publish(next);
    try {
      // An unknown kid makes the verifier fetch the JWK set again (at most once a second here).
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(write(token).statusCode()).isEqualTo(200));
      assertThat(stack.service().lastRequest().headerValues(IdentityHeaders.NAME)).containsExactly("editor");
    } finally {
      issuer.withdraw(next);
    }
  }

  @Test
  void while_the_issuer_is_down_a_still_valid_token_still_writes() throws InterruptedException {
    issuer.down(true);
    try {
      int fetches = issuer.fetches();
      // Past the verifier's key cache lifetime (2 s here): keys it can no longer refresh.
      await().atMost(Duration.ofSeconds(10)).until(() -> issuer.fetches() > fetches);
      Thread.sleep(2500);
      // A token the gateway has not cached: the verifier itself must still verify it.
      var response = write("Bearer " + issuer.token());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(stack.service().lastRequest().headerValues(IdentityHeaders.NAME)).containsExactly("editor");
      assertThat(stack.http().get("/books").statusCode()).isEqualTo(200);
    } finally {
      issuer.down(false);
    }
  }
}

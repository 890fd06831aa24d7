package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.NginxGateway;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.Upstream;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /auth/: the identity provider's public endpoints through the gateway (IDENTITY_UPSTREAM), its
 * admin side never; without an identity provider, a JSON 404 rather than the web app.
 */
class IdentityRouteTest {

  /** What Keycloak sends on its pages; the gateway must let these two through on /auth/. */
  private static final String KEYCLOAK_CSP = "frame-src 'self'; frame-ancestors 'self'; object-src 'none';";

  private static final String KEYCLOAK_FRAME_OPTIONS = "SAMEORIGIN";

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithIdentityProvider {

    private Upstream service;
    private Upstream web;
    private Upstream identity;
    private NginxGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
      service = Upstream.start("books-service");
      web = Upstream.start("books-web");
      identity =
          Upstream.start("identity")
              .respond(
                  request ->
                      new UpstreamResponse(
                          200,
                          Map.of(
                              "Content-Type", "text/html",
                              "Content-Security-Policy", KEYCLOAK_CSP,
                              "X-Frame-Options", KEYCLOAK_FRAME_OPTIONS,
                              "Referrer-Policy", "no-referrer",
                              "X-Content-Type-Options", "nosniff"),
                          "<p>identity".getBytes(),
                          java.time.Duration.ZERO));
      gateway = TestGateway.start(service.address(), web.address(), Map.of("IDENTITY_UPSTREAM", identity.address()));
      http = new Http(gateway);
    }

    @BeforeEach
    void clear() {
      service.reset();
      web.reset();
      identity.reset();
    }

    @AfterAll
    void stop() {
      gateway.close();
      service.close();
      web.close();
      identity.close();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/auth/realms/bookshelf",
          "/auth/realms/bookshelf/.well-known/openid-configuration",
          "/auth/realms/bookshelf/protocol/openid-connect/certs",
          "/auth/realms/bookshelf/protocol/openid-connect/auth?client_id=bookshelf-web&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2F&code_challenge_method=S256",
          "/auth/realms/bookshelf/login-actions/authenticate?session_code=abc&execution=x&tab_id=y",
          "/auth/resources/j13aa/login/keycloak.v2/css/styles.css"
        })
    void public_realm_endpoints_and_resources_reach_the_identity_provider_unchanged(String target) {
      var response = http.get(target);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(identity.lastRequest().rawTarget()).isEqualTo(target);
      assertThat(service.requests()).isEmpty();
      assertThat(web.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/auth",
          "/auth/",
          "/auth/admin",
          "/auth/admin/",
          "/auth/admin/master/console/",
          "/auth/admin/realms/bookshelf/users",
          "/auth/realms/",
          "/auth/realms/master",
          "/auth/realms/master/",
          "/auth/realms/master/protocol/openid-connect/token",
          "/auth/realms/Master/account",
          "/auth/realms/MASTER/.well-known/openid-configuration",
          "/auth/realms/master;x=1/account",
          "/auth/realms/%6Daster/account",
          "/auth/realms//master/account",
          "/auth/realms/bookshelf;x=1/account",
          "/auth/realms/bookshelf/clients-registrations/default",
          "/auth/realms/bookshelf/clients-registrations;x/default",
          "/auth/health/ready",
          "/auth/metrics",
          "/auth/js/keycloak.js",
          "/auth/robots.txt"
        })
    void admin_master_realm_and_everything_else_under_auth_answer_404_without_reaching_it(String target) {
      Problems.assertProblem(RawHttp.request(gateway.port(), "GET", target), 404);

      assertThat(identity.requests()).isEmpty();
      assertThat(web.requests()).isEmpty();
    }

    @Test
    void forwarded_headers_are_the_gateways_never_the_clients() {
      http.get(
          "/auth/realms/bookshelf/account",
          "X-Forwarded-For", "203.0.113.9",
          "X-Forwarded-Host", "evil.example",
          "X-Forwarded-Port", "1",
          "X-Forwarded-Proto", "https",
          "X-Forwarded-Prefix", "/elsewhere",
          "Forwarded", "for=203.0.113.9;host=evil.example");

      RecordedRequest seen = identity.lastRequest();
      assertThat(seen.headerValues("X-Forwarded-For")).containsExactly("127.0.0.1");
      assertThat(seen.headerValues("X-Forwarded-Host")).containsExactly("127.0.0.1:" + gateway.port());
      assertThat(seen.headerValues("X-Forwarded-Proto")).containsExactly("http");
      assertThat(seen.header("X-Forwarded-Port")).isEmpty();
      assertThat(seen.header("X-Forwarded-Prefix")).isEmpty();
      assertThat(seen.header("Forwarded")).isEmpty();
      assertThat(seen.header("X-Request-ID")).isPresent();
    }

    @Test
    void credentials_for_the_token_endpoint_pass_through() {
      http.send(
          "POST",
          "/auth/realms/bookshelf/protocol/openid-connect/token",
          "grant_type=client_credentials",
          "Content-Type", "application/x-www-form-urlencoded",
          "Authorization", "Basic Ym9va3NoZWxmLWNsaTpzZWNyZXQ=");

      assertThat(identity.lastRequest().method()).isEqualTo("POST");
      assertThat(identity.lastRequest().header("Authorization")).hasValue("Basic Ym9va3NoZWxmLWNsaTpzZWNyZXQ=");
    }

    @Test
    void keycloak_pages_keep_their_own_csp_and_frame_policy_and_get_the_gateways_other_headers() {
      var response = http.get("/auth/realms/bookshelf/protocol/openid-connect/auth?client_id=bookshelf-web");

      assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(KEYCLOAK_CSP);
      assertThat(response.headers().allValues("X-Frame-Options")).containsExactly(KEYCLOAK_FRAME_OPTIONS);
      assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("strict-origin-when-cross-origin");
      assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
      assertThat(response.headers().firstValue("Permissions-Policy")).isPresent();
      assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void the_app_keeps_its_strict_csp() {
      var response = http.get("/");

      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self';").contains("frame-ancestors 'none'"));
      assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void only_get_head_and_post_are_accepted(String method) {
      var response = RawHttp.request(gateway.port(), method, "/auth/realms/bookshelf/account");

      Problems.assertProblem(response, 405);
      assertThat(response.header("Allow")).hasValue("GET, HEAD, POST");
      assertThat(identity.requests()).isEmpty();
    }
  }

  /** Sign-in form posts and token requests count in the write limit: password guessing is slowed. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class RateLimited {

    private Upstream service;
    private Upstream web;
    private Upstream identity;
    private NginxGateway gateway;
    private Http http;

    @BeforeAll
    void start() {
      service = Upstream.start("books-service");
      web = Upstream.start("books-web");
      identity = Upstream.start("identity");
      gateway =
          TestGateway.start(
              service.address(),
              web.address(),
              Map.of(
                  "IDENTITY_UPSTREAM", identity.address(),
                  "GATEWAY_WRITE_RATE_LIMIT", "1r/m",
                  "GATEWAY_WRITE_RATE_LIMIT_BURST", "2"));
      http = new Http(gateway);
    }

    @AfterAll
    void stop() {
      gateway.close();
      service.close();
      web.close();
      identity.close();
    }

    @Test
    void sign_in_posts_beyond_the_write_burst_get_429_while_pages_still_load() {
      String login = "/auth/realms/bookshelf/login-actions/authenticate?session_code=x";
      int[] statuses = new int[4];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = http.send("POST", login, "username=editor&password=guess" + i, "Content-Type", "application/x-www-form-urlencoded").statusCode();
      }

      assertThat(statuses).containsExactly(200, 200, 200, 429);
      Problems.assertProblem(http.send("POST", login, "username=editor&password=again"), 429);
      assertThat(identity.requests()).hasSize(3);
      assertThat(http.get("/auth/realms/bookshelf/protocol/openid-connect/auth?client_id=bookshelf-web").statusCode()).isEqualTo(200);
    }
  }

  /** No IDENTITY_UPSTREAM (production with an external issuer): /auth is not the web app's. */
  @Nested
  class WithoutIdentityProvider {

    @RegisterExtension static final GatewayStack stack = new GatewayStack();

    @ParameterizedTest
    @ValueSource(strings = {"/auth", "/auth/", "/auth/realms/bookshelf/.well-known/openid-configuration", "/auth/admin/"})
    void auth_answers_404_and_never_reaches_the_web_app(String path) {
      Problems.assertProblem(stack.http().get(path), 404);

      assertThat(stack.web().requests()).isEmpty();
      assertThat(stack.service().requests()).isEmpty();
    }
  }
}

package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bookshelf.system.support.ContainerHttp;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identity provider (Keycloak, books-identity) in the compose stack, through the gateway: the
 * bookshelf realm's contract (issuer, clients, token contents) as the files and the realm give
 * it, and its admin side unreachable from outside. Sign-in with a browser is the sign-in flows'
 * (Playwright); the containers' hardening is SecurityIT's (every service of the files).
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class IdentityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REALM = "/auth/realms/bookshelf";
  private static final String TOKEN = REALM + "/protocol/openid-connect/token";
  private static final String AUTHORIZE = REALM + "/protocol/openid-connect/auth";

  private static SystemStack stack;
  private static GatewayClient api;

  @BeforeAll
  static void connect(SystemStack shared) {
    stack = shared;
    api = shared.client();
  }

  @Test
  void the_discovery_document_names_the_public_url_as_issuer() throws Exception {
    HttpResponse<String> response = api.get(REALM + "/.well-known/openid-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode discovery = JSON.readTree(response.body());
    String issuer = stack.publicUrl() + REALM;
    assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
    assertThat(discovery.path("token_endpoint").asText()).isEqualTo(issuer + "/protocol/openid-connect/token");
    assertThat(discovery.path("jwks_uri").asText()).startsWith(issuer + "/");
    assertThat(api.get(REALM + "/protocol/openid-connect/certs").body()).contains("\"keys\"");
  }

  @Test
  void bookshelf_cli_gets_an_editor_token_for_the_api_with_client_credentials() throws Exception {
    HttpResponse<String> response = token("grant_type=client_credentials", "bookshelf-cli", "bookshelf-cli-local-secret");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
    // Counted from when Keycloak answers: a few seconds under 300 on a busy machine.
    assertThat(answer.path("expires_in").asInt()).isBetween(240, 300);
    JsonNode claims = claims(answer.path("access_token").asText());
    assertThat(claims.path("iss").asText()).isEqualTo(stack.publicUrl() + REALM);
    assertThat(claims.path("aud").toString()).contains("\"bookshelf-api\"");
    assertThat(claims.path("azp").asText()).isEqualTo("bookshelf-cli");
    assertThat(claims.path("realm_access").path("roles").toString()).contains("\"editor\"");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).as("access token lifetime, s").isEqualTo(300);
  }

  @Test
  void a_wrong_client_secret_gets_no_token() {
    assertThat(token("grant_type=client_credentials", "bookshelf-cli", "not-the-secret").statusCode()).isEqualTo(401);
  }

  /**
   * The realm file's clients and the ones Keycloak 26 creates in every realm: none takes a
   * password at the token endpoint, where no login page (and its brute-force page) stands in front.
   */
  @ParameterizedTest
  @ValueSource(strings = {
    "bookshelf-web", "bookshelf-cli",
    "admin-cli", "account", "account-console", "broker", "realm-management", "security-admin-console"})
  void no_client_takes_the_password_grant(String clientId) {
    HttpResponse<String> response =
        token("grant_type=password&client_id=" + clientId + "&username=editor&password=editor-local-password", null, null);

    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(response.body()).doesNotContain("access_token");
  }

  @Test
  void the_login_page_renders_through_the_gateway_with_pkce_and_keycloaks_own_csp() {
    HttpResponse<String> page = api.get(authorize(stack.publicUrl() + "/", "code", true));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("kc-form-login");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'self'").doesNotContain("script-src 'self'");
    String stylesheet = page.body().lines().filter(line -> line.contains("/auth/resources/") && line.contains(".css"))
        .findFirst().orElseThrow().replaceAll(".*href=\"([^\"]+)\".*", "$1");
    assertThat(api.get(stylesheet).statusCode()).as(stylesheet).isEqualTo(200);
  }

  @Test
  void the_web_client_requires_pkce_and_its_exact_redirect_uri() {
    HttpResponse<String> withoutPkce = api.get(authorize(stack.publicUrl() + "/", "code", false));
    assertThat(withoutPkce.statusCode()).isEqualTo(302);
    assertThat(withoutPkce.headers().firstValue("Location").orElse(""))
        .startsWith(stack.publicUrl() + "/").contains("error=invalid_request");

    assertThat(api.get(authorize("http://evil.example/", "code", true)).statusCode()).isEqualTo(400);
    assertThat(api.get(authorize(stack.publicUrl() + "/elsewhere", "code", true)).statusCode()).isEqualTo(400);

    HttpResponse<String> implicit = api.get(authorize(stack.publicUrl() + "/", "token", true));
    assertThat(implicit.headers().firstValue("Location").orElse("")).contains("error=unauthorized_client");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/auth/admin/master/console/", "/auth/admin/realms/bookshelf/users", "/auth/realms/master/.well-known/openid-configuration",
      "/auth/realms/master/protocol/openid-connect/auth?client_id=security-admin-console", "/auth/health/ready", "/auth/metrics"})
  void the_admin_console_admin_api_master_realm_and_management_are_not_reachable_through_the_gateway(String path) {
    HttpResponse<String> response = api.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
  }

  @Test
  void the_master_realm_token_endpoint_is_not_reachable_with_the_admin_password() {
    HttpResponse<String> response = api.send(api.request("/auth/realms/master/protocol/openid-connect/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin-local-password")));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("access_token");
  }

  @Test
  void inside_the_network_the_admin_console_and_management_answer() {
    assertThat(ContainerHttp.status(stack.identity(), 8080, "/auth/admin/master/console/")).isEqualTo(200);
    assertThat(ContainerHttp.status(stack.identity(), 9000, "/health/ready")).isEqualTo(200);
  }

  private static HttpResponse<String> token(String form, String clientId, String secret) {
    HttpRequest.Builder request = api.request(TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (clientId != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return api.send(request);
  }

  private static String authorize(String redirectUri, String responseType, boolean pkce) {
    String query = "client_id=bookshelf-web&scope=openid&state=s1&nonce=n1&response_type=" + responseType
        + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
    // RFC 7636's example verifier "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" and its S256 challenge.
    return AUTHORIZE + "?" + query + (pkce ? "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256" : "");
  }

  private static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}

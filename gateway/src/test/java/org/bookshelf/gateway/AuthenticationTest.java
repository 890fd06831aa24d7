package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bookshelf.service.IdentityHeaders;
import org.bookshelf.testsupport.gateway.GatewayStack;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest {

  private static final String BEARER_LOCAL = "Bearer " + Http.LOCAL_KEY;

  @RegisterExtension static final GatewayStack stack = new GatewayStack();

  @Test
  void reads_are_public() {
    assertThat(stack.http().get("/books").statusCode()).isEqualTo(200);
    assertThat(stack.http().get("/books/9781788395540").statusCode()).isEqualTo(200);
    assertThat(stack.service().requests()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST /books", "PUT /books/9781788395540", "DELETE /books/9781788395540"})
  void write_without_credentials_is_401_with_a_bearer_challenge(String request) {
    String[] parts = request.split(" ");

    var response = stack.http().send(parts[0], parts[1], "{}");

    Problems.assertProblem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"bookshelf\"");
    assertThat(stack.service().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer unknown-key-0123456789", "Bearer " + Http.LOCAL_KEY + "x", "Basic Ym9va3NoZWxmLWxvY2FsLWtleTo=", "Bearer"})
  void write_with_an_unknown_key_is_401_invalid_token(String authorization) {
    var response = stack.http().send("POST", "/books", "{}", "Authorization", authorization);

    var problem = Problems.assertProblem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"bookshelf\", error=\"invalid_token\"");
    assertThat(problem.path("detail").asText()).contains("not valid");
    assertThat(stack.service().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST /books", "PUT /books/9781788395540", "DELETE /books/9781788395540"})
  void write_with_the_default_local_key_reaches_the_service_as_client_local(String request) {
    String[] parts = request.split(" ");

    var response = stack.http().send(parts[0], parts[1], "{\"title\":\"t\"}", "Authorization", BEARER_LOCAL);

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest forwarded = stack.service().lastRequest();
    assertThat(forwarded.method()).isEqualTo(parts[0]);
    assertThat(forwarded.bodyLength()).isEqualTo("{\"title\":\"t\"}".length());
    assertThat(forwarded.headerValues(IdentityHeaders.NAME)).containsExactly("local");
    assertThat(forwarded.headerValues(IdentityHeaders.SUBJECT)).containsExactly("api-key:local");
  }

  @Test
  void bearer_scheme_is_matched_case_insensitively() {
    var response = stack.http().send("POST", "/books", "{}", "Authorization", "bearer " + Http.LOCAL_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void spoofed_identity_headers_never_reach_the_service_on_a_read() {
    stack.http().get("/books", IdentityHeaders.NAME, "admin", IdentityHeaders.SUBJECT, "root", "X-Api-Client", "admin");

    assertThat(stack.service().lastRequest().header(IdentityHeaders.NAME)).isEmpty();
    assertThat(stack.service().lastRequest().header(IdentityHeaders.SUBJECT)).isEmpty();
    assertThat(stack.service().lastRequest().header("X-Api-Client")).isEmpty();
  }

  @Test
  void spoofed_identity_headers_are_overwritten_by_the_key_owner_on_a_write() {
    stack.http().send("POST", "/books", "{}", "Authorization", BEARER_LOCAL, IdentityHeaders.NAME, "admin", "X-Api-Client", "admin");

    assertThat(stack.service().lastRequest().headerValues(IdentityHeaders.NAME)).containsExactly("local");
    assertThat(stack.service().lastRequest().header("X-Api-Client")).isEmpty();
  }

  @Test
  void the_api_key_itself_is_not_forwarded_upstream() {
    stack.http().send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);

    assertThat(stack.service().lastRequest().header("Authorization")).isEmpty();
  }

  @Test
  void without_a_key_file_every_write_is_refused_even_with_the_local_key() {
    Assumptions.assumeFalse(
        Files.exists(Path.of("/etc/nginx/secrets/api-keys.map")), "this machine has a key file at the default path");
    // Empty = not set: the gateway looks at the default path, where nothing is mounted.
    try (var keyless = TestGateway.start(stack.service().address(), stack.web().address(), Map.of("GATEWAY_API_KEYS_FILE", ""))) {
      var http = new Http(keyless);

      Problems.assertProblem(http.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL), 401);
      Problems.assertProblem(http.send("DELETE", "/books/9781788395540", "", "Authorization", BEARER_LOCAL), 401);
      assertThat(http.get("/books").statusCode()).isEqualTo(200);
      assertThat(stack.service().requests()).hasSize(1);
    }
  }

  @Test
  void keys_come_from_the_mounted_keys_file(@TempDir Path dir) throws IOException {
    Path keys = dir.resolve("api-keys.map");
    Files.writeString(keys, "# team keys\n0123456789abcdef0123456789abcdef reporting;\n");
    try (var own = TestGateway.start(stack.service().address(), stack.web().address(), Map.of("GATEWAY_API_KEYS_FILE", keys.toString()))) {
      var ownHttp = new Http(own);

      var withOwnKey = ownHttp.send("POST", "/books", "{}", "Authorization", "Bearer 0123456789abcdef0123456789abcdef");
      var withDefaultKey = ownHttp.send("POST", "/books", "{}", "Authorization", BEARER_LOCAL);

      assertThat(withOwnKey.statusCode()).isEqualTo(200);
      assertThat(stack.service().lastRequest().headerValues(IdentityHeaders.NAME)).containsExactly("reporting");
      Problems.assertProblem(withDefaultKey, 401);
    }
  }
}

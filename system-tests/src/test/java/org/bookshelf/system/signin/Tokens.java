package org.bookshelf.system.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bookshelf.system.support.SystemStack;

/**
 * Tokens from the stack's issuer (the realm the compose files import), fetched through the
 * gateway the way a machine does, and read without checking them (the gateway does that).
 */
final class Tokens {

  static final String REALM = "/auth/realms/bookshelf";
  static final String CLI_CLIENT = "bookshelf-cli";
  static final String CLI_SECRET = "bookshelf-cli-local-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tokens() {}

  /** An access token for the machine client (client credentials; service account with editor). */
  static String clientCredentials(SystemStack stack) {
    HttpResponse<String> response =
        stack.client().send(stack.client().request(REALM + "/protocol/openid-connect/token")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((CLI_CLIENT + ":" + CLI_SECRET).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("no token for " + CLI_CLIENT + ": " + response.statusCode() + " " + response.body());
    }
    return read(response.body()).path("access_token").asText();
  }

  /** The JOSE header's {@code kid}: which of the issuer's keys signed it. */
  static String keyId(String jwt) {
    return part(jwt, 0).path("kid").asText();
  }

  static JsonNode claims(String jwt) {
    return part(jwt, 1);
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode part(String jwt, int index) {
    return read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}

package org.bookshelf.books.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI 3.1 document of the public API; the HTTP tests check responses
 * against it. Its openIdConnect scheme names the issuer's discovery document: the issuer of this
 * deployment when OIDC_ISSUER is set (an external one in production), else the local provider's
 * path under the gateway's /auth/, as written in the file.
 */
public final class OpenApiRoute {

  public static final String PATH = "/openapi.json";
  public static final String RESOURCE = "/openapi.json";
  private static final String DISCOVERY = "/.well-known/openid-configuration";

  private OpenApiRoute() {}

  public static void install(JavalinConfig config, String issuer) {
    byte[] document = forIssuer(load(), issuer);
    config.routes.get(PATH, ctx -> ctx.contentType("application/json").result(document));
  }

  /** The document with the discovery URL of {@code issuer}; unchanged when it is empty. */
  static byte[] forIssuer(byte[] document, String issuer) {
    if (issuer.isEmpty()) {
      return document;
    }
    try {
      ObjectMapper json = new ObjectMapper();
      JsonNode tree = json.readTree(document);
      JsonNode scheme = tree.path("components").path("securitySchemes").path("openIdConnect");
      if (!(scheme instanceof ObjectNode openIdConnect)) {
        throw new IllegalStateException(RESOURCE + " has no components.securitySchemes.openIdConnect");
      }
      openIdConnect.put("openIdConnectUrl", issuer + DISCOVERY);
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

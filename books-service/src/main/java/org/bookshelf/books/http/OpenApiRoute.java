package org.bookshelf.books.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI 3.1 document; the HTTP tests check responses against it. */
public final class OpenApiRoute {

  public static final String PATH = "/openapi.json";
  public static final String RESOURCE = "/openapi.json";

  private OpenApiRoute() {}

  public static void install(JavalinConfig config) {
    byte[] document = load();
    config.routes.get(PATH, ctx -> ctx.contentType("application/json").result(document));
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

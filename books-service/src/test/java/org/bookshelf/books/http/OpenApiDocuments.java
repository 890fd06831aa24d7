package org.bookshelf.books.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import java.nio.charset.StandardCharsets;

/**
 * The validator for tests. swagger-request-validator 2.46 reads an OpenAPI 3.1 document but
 * skips its {@code type} checks (3.1 schemas carry types as a set that its 3.0 validator ignores;
 * see OpenApiValidatorTest). The served document is 3.1 written with constructs that mean the
 * same in 3.0 (no type arrays, no $ref siblings), so tests validate against the same text with
 * only the version line set to 3.0.3, and every check applies.
 */
public final class OpenApiDocuments {

  public static final String SERVED_VERSION_LINE = "\"openapi\": \"3.1.0\"";

  private OpenApiDocuments() {}

  public static String served() {
    return new String(OpenApiRoute.load(), StandardCharsets.UTF_8);
  }

  public static OpenApiInteractionValidator validator() {
    String asOpenApi30 = served().replace(SERVED_VERSION_LINE, "\"openapi\": \"3.0.3\"");
    return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30).build();
  }
}

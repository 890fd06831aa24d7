package org.bookshelf.books.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/** The validator the tests use really checks responses: wrong ones must be reported. */
class OpenApiValidatorTest {

  private final OpenApiInteractionValidator validator = OpenApiDocuments.validator();

  @Test
  void the_served_document_declares_openapi_3_1() {
    assertThat(OpenApiDocuments.served()).contains(OpenApiDocuments.SERVED_VERSION_LINE);
  }

  @Test
  void the_library_alone_skips_type_checks_on_a_3_1_document() {
    // Why OpenApiDocuments validates the 3.0 reading: if this starts failing, the library has
    // learnt 3.1 types and the workaround can go.
    OpenApiInteractionValidator raw =
        OpenApiInteractionValidator.createForInlineApiSpecification(OpenApiDocuments.served())
            .build();
    ValidationReport report =
        raw.validateResponse(
            "/books/9781788395540",
            Request.Method.GET,
            SimpleResponse.Builder.status(200)
                .withContentType("application/json")
                .withBody(
                    "{\"isbn\":\"9781788395540\",\"title\":\"T\",\"author\":\"A\","
                        + "\"publicationYear\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                        + "\"updatedAt\":\"2026-01-01T00:00:00Z\"}")
                .build());
    assertThat(report.hasErrors()).isFalse();
  }

  private ValidationReport validate(int status, String contentType, String body) {
    return validator.validateResponse(
        "/books/9781788395540",
        Request.Method.GET,
        SimpleResponse.Builder.status(status)
            .withContentType(contentType)
            .withHeader("ETag", "\"1\"")
            .withBody(body)
            .build());
  }

  @Test
  void a_valid_book_response_passes() {
    ValidationReport report =
        validate(
            200,
            "application/json",
            "{\"isbn\":\"9781788395540\",\"title\":\"T\",\"author\":\"A\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}");
    assertThat(report.getMessages()).isEmpty();
  }

  @Test
  void a_book_without_required_fields_fails() {
    ValidationReport report = validate(200, "application/json", "{\"isbn\":\"9781788395540\"}");
    assertThat(report.hasErrors()).as(report.toString()).isTrue();
  }

  @Test
  void a_book_with_a_wrong_type_fails() {
    ValidationReport report =
        validate(
            200,
            "application/json",
            "{\"isbn\":\"9781788395540\",\"title\":\"T\",\"author\":\"A\",\"publicationYear\":\"x\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}");
    assertThat(report.hasErrors()).as(report.toString()).isTrue();
  }

  @Test
  void an_undocumented_status_fails() {
    ValidationReport report = validate(418, "application/json", "{}");
    assertThat(report.hasErrors()).as(report.toString()).isTrue();
  }
}

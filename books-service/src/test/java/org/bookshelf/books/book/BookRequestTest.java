package org.bookshelf.books.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.bookshelf.service.Problem.FieldError;
import org.bookshelf.service.ProblemException;
import org.bookshelf.service.ProblemType;
import org.junit.jupiter.api.Test;

/** Mapping between JSON and the domain: requests to drafts, books to responses. */
class BookRequestTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Isbn NODE = Isbn.parse("1788395549").orElseThrow();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void create_maps_fields_trims_text_and_normalises_the_isbn() throws Exception {
    BookRequest.Created created =
        BookRequest.forCreate(
            json("{\"isbn\":\"1-78839-554-9\",\"title\":\" T \",\"author\":\"A\",\"publicationYear\":2018}"));
    assertThat(created.isbn()).isEqualTo(NODE);
    assertThat(created.draft()).isEqualTo(new BookDraft("T", "A", 2018));
  }

  @Test
  void null_year_means_unknown() throws Exception {
    BookDraft draft =
        BookRequest.forReplace(json("{\"title\":\"T\",\"author\":\"A\",\"publicationYear\":null}"), NODE);
    assertThat(draft.publicationYear()).isNull();
  }

  @Test
  void year_out_of_range_and_fractional_year_are_rejected() throws Exception {
    assertThatThrownBy(
            () -> BookRequest.forReplace(json("{\"title\":\"T\",\"author\":\"A\",\"publicationYear\":0}"), NODE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors()).containsExactly(new FieldError("publicationYear", "must be between 1 and 9999")));
    assertThatThrownBy(
            () -> BookRequest.forReplace(json("{\"title\":\"T\",\"author\":\"A\",\"publicationYear\":1999.5}"), NODE))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors()).containsExactly(new FieldError("publicationYear", "must be an integer")));
  }

  @Test
  void every_invalid_field_is_reported_at_once() throws Exception {
    assertThatThrownBy(() -> BookRequest.forCreate(json("{\"title\":1,\"x\":2}")))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactlyInAnyOrder("x", "isbn", "title", "author");
              assertThat(e.getMessage()).isEqualTo("4 fields are invalid.");
            });
  }

  @Test
  void response_shows_isbn13_and_utc_timestamps_and_omits_unknown_year() {
    Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
    BookResponse response = BookResponse.of(new Book(NODE, "T", "A", null, 3, at, at, null, null));
    assertThat(response.isbn()).isEqualTo("9781788395540");
    assertThat(response.createdAt()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(response.publicationYear()).isNull();
  }
}

package org.bookshelf.books.book;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bookshelf.service.Problem.FieldError;
import org.bookshelf.service.ProblemException;
import org.bookshelf.service.ProblemType;

/**
 * Turns a request's JSON object into a {@link BookDraft} (and ISBN), collecting every field error
 * at once so a client can fix them all in one round. {@code createdAt}, {@code updatedAt},
 * {@code createdBy} and {@code updatedBy} are
 * read-only: accepted (so a fetched book can be sent back as is) and ignored.
 */
public final class BookRequest {

  private static final Set<String> KNOWN =
      Set.of(
          "isbn", "title", "author", "publicationYear", "createdAt", "updatedAt", "createdBy",
          "updatedBy");

  private final List<FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private BookRequest(JsonNode body) {
    this.body = body;
  }

  /** POST: the ISBN comes from the body and is required. */
  public static Created forCreate(JsonNode body) {
    BookRequest request = new BookRequest(body);
    request.requireObject();
    Isbn isbn = request.isbn(true);
    BookDraft draft = request.draft();
    request.throwIfInvalid();
    return new Created(isbn, draft);
  }

  /** PUT: the ISBN comes from the path; one in the body must name the same book. */
  public static BookDraft forReplace(JsonNode body, Isbn pathIsbn) {
    BookRequest request = new BookRequest(body);
    request.requireObject();
    Isbn bodyIsbn = request.isbn(false);
    if (bodyIsbn != null && !bodyIsbn.equals(pathIsbn)) {
      request.errors.add(new FieldError("isbn", "must be the ISBN in the URL (" + pathIsbn + ")"));
    }
    BookDraft draft = request.draft();
    request.throwIfInvalid();
    return draft;
  }

  /** A validated POST body. */
  public record Created(Isbn isbn, BookDraft draft) {}

  private void requireObject() {
    if (body == null || !body.isObject()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "The request body must be a JSON object.",
          List.of(new FieldError("$", "must be a JSON object")));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN.contains(name)) {
        errors.add(new FieldError(name, "is not a known field"));
      }
    }
  }

  private Isbn isbn(boolean required) {
    JsonNode node = body.get("isbn");
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new FieldError("isbn", "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError("isbn", "must be a string"));
      return null;
    }
    return Isbn.parse(node.asText())
        .orElseGet(
            () -> {
              errors.add(
                  new FieldError("isbn", "is not a valid ISBN-10 or ISBN-13 (check digit included)"));
              return null;
            });
  }

  private BookDraft draft() {
    return new BookDraft(text("title"), text("author"), year());
  }

  private String text(String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String value = node.asText().strip();
    if (value.isEmpty()) {
      errors.add(new FieldError(field, "must not be blank"));
    } else if (value.length() > BookDraft.MAX_TEXT_LENGTH) {
      errors.add(
          new FieldError(field, "must be at most " + BookDraft.MAX_TEXT_LENGTH + " characters"));
    } else if (value.indexOf('\u0000') >= 0) {
      // PostgreSQL cannot store NUL in text; refusing it here keeps H2 and PostgreSQL alike.
      errors.add(new FieldError(field, "must not contain the NUL character (U+0000)"));
    } else if (hasUnpairedSurrogate(value)) {
      // An escaped surrogate without its pair is not text: UTF-8 would store it as '?'.
      errors.add(new FieldError(field, "must not contain an unpaired surrogate (U+D800 to U+DFFF)"));
    }
    return value;
  }

  private static boolean hasUnpairedSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private Integer year() {
    JsonNode node = body.get("publicationYear");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      errors.add(new FieldError("publicationYear", "must be an integer"));
      return null;
    }
    int year = node.asInt();
    if (year < BookDraft.MIN_YEAR || year > BookDraft.MAX_YEAR) {
      errors.add(
          new FieldError(
              "publicationYear",
              "must be between " + BookDraft.MIN_YEAR + " and " + BookDraft.MAX_YEAR));
    }
    return year;
  }

  private void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.",
          List.copyOf(errors));
    }
  }
}

package org.bookshelf.books.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;
import org.bookshelf.books.book.Book;
import org.bookshelf.books.book.BookRequest;
import org.bookshelf.books.book.Isbn;
import org.bookshelf.service.ProblemException;

/**
 * One book as one line of the payload: a JSON object of the API's fields plus {@code version}.
 * Reading checks what the API checks (through {@link BookRequest}, so the rules cannot drift)
 * and what only a stored book has, and reports the first problem as text for the operator.
 */
final class BookLine {

  /** A line that is not a book; the message names the field. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /** The caller the gateway names is bounded to 128 characters (V3__book_authorship.sql). */
  static final int MAX_CALLER_LENGTH = 128;
  private static final Set<String> API_FIELDS = Set.of("isbn", "title", "author", "publicationYear");
  private static final Set<String> FIELDS =
      Set.of("isbn", "title", "author", "publicationYear", "version", "createdAt", "updatedAt",
          "createdBy", "updatedBy");

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  void write(JsonGenerator out, Book book) throws IOException {
    out.writeStartObject();
    out.writeStringField("isbn", book.isbn().value());
    out.writeStringField("title", book.title());
    out.writeStringField("author", book.author());
    if (book.publicationYear() != null) {
      out.writeNumberField("publicationYear", book.publicationYear());
    }
    out.writeNumberField("version", book.version());
    out.writeStringField("createdAt", book.createdAt().toString());
    out.writeStringField("updatedAt", book.updatedAt().toString());
    if (book.createdBy() != null) {
      out.writeStringField("createdBy", book.createdBy());
    }
    if (book.updatedBy() != null) {
      out.writeStringField("updatedBy", book.updatedBy());
    }
    out.writeEndObject();
  }

  Book read(String line) throws Invalid {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new Invalid("not a JSON object (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new Invalid("not a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new Invalid("unknown field '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'");
      }
    }
    ObjectNode api = mapper.createObjectNode();
    API_FIELDS.stream().filter(node::has).forEach(f -> api.set(f, node.get(f)));
    BookRequest.Created created;
    try {
      created = BookRequest.forCreate(api);
    } catch (ProblemException e) {
      throw new Invalid(e.errors().stream()
          .map(error -> error.field() + " " + error.message())
          .collect(Collectors.joining(", ")));
    }
    Isbn isbn = created.isbn();
    if (!isbn.value().equals(node.get("isbn").asText())) {
      throw new Invalid("isbn must be written as its 13 digits (" + isbn + ")");
    }
    JsonNode version = node.get("version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 1) {
      throw new Invalid("version must be a whole number from 1");
    }
    return new Book(isbn, created.draft().title(), created.draft().author(), created.draft().publicationYear(),
        version.asLong(), instant(node, "createdAt"), instant(node, "updatedAt"),
        caller(node, "createdBy"), caller(node, "updatedBy"));
  }

  private static Instant instant(JsonNode node, String field) throws Invalid {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new Invalid(field + " must be a UTC time such as 2026-12-08T02:00:00Z");
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new Invalid(field + " must be a UTC time such as 2026-12-08T02:00:00Z");
    }
  }

  private static String caller(JsonNode node, String field) throws Invalid {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_CALLER_LENGTH
        || value.asText().indexOf('\u0000') >= 0) {
      throw new Invalid(field + " must be text of 1 to " + MAX_CALLER_LENGTH + " characters, without NUL");
    }
    return value.asText();
  }
}

package org.bookshelf.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * An RFC 9457 problem document with the fields every Bookshelf error carries, gateway included:
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} (the request
 * path) and the extension member {@code requestId} (the request's {@code X-Request-ID});
 * {@code errors} lists per-field problems for validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String requestId,
    List<FieldError> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  // Configured once, then only read: ObjectMapper is thread-safe for that use.
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invalid field: a JSON property name (or a query parameter) and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public static Problem of(ProblemType type, String detail, String instance) {
    return of(type, detail, instance, null);
  }

  public static Problem of(
      ProblemType type, String detail, String instance, List<FieldError> errors) {
    return new Problem(type.uri(), type.title(), type.status(), detail, instance, null, errors);
  }

  /**
   * A bare HTTP status: its type from the vocabulary, or, for a status outside it,
   * {@code about:blank} with the status's reason phrase as title (RFC 9457, section 4.2.1).
   */
  public static Problem forStatus(int status, String detail, String instance) {
    return ProblemType.forStatus(status)
        .map(type -> of(type, detail, instance))
        .orElseGet(
            () ->
                new Problem(
                    "about:blank",
                    HttpStatus.forStatus(status).getMessage(),
                    status,
                    detail,
                    instance,
                    null,
                    null));
  }

  public Problem withRequestId(String id) {
    return new Problem(type, title, status, detail, instance, id, errors);
  }

  /** The document as sent: the one place a problem becomes JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document must always serialise", e);
    }
  }
}

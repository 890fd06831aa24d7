package org.bookshelf.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document; {@code errors} lists per-field problems for validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String instance, List<FieldError> errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** One invalid field: a JSON property name (or a query parameter) and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public static Problem of(ProblemType type, String detail, String instance) {
    return new Problem(type.uri(), type.title(), type.status(), detail, instance, null);
  }

  public static Problem of(
      ProblemType type, String detail, String instance, List<FieldError> errors) {
    return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
  }
}

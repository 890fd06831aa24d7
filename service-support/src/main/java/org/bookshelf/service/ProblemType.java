package org.bookshelf.service;

/**
 * The stable RFC 9457 problem types of Bookshelf's APIs. Clients may switch on {@link #uri()};
 * the URIs are identifiers, not pages.
 */
public enum ProblemType {
  VALIDATION(400, "Validation failed", "validation"),
  MALFORMED_JSON(400, "Malformed JSON", "malformed-json"),
  BAD_REQUEST(400, "Bad request", "bad-request"),
  NOT_FOUND(404, "Not found", "not-found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
  CONFLICT(409, "Conflict", "conflict"),
  PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
  PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
  PRECONDITION_REQUIRED(428, "Precondition required", "precondition-required"),
  INTERNAL(500, "Internal server error", "internal"),
  SERVICE_UNAVAILABLE(503, "Service unavailable", "service-unavailable");

  public static final String BASE_URI = "https://bookshelf.example/problems/";

  private final int status;
  private final String title;
  private final String slug;

  ProblemType(int status, String title, String slug) {
    this.status = status;
    this.title = title;
    this.slug = slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String uri() {
    return BASE_URI + slug;
  }

  /** The type for a bare HTTP status (Javalin's own 404/405/413 …); unknown ones map by class. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status && type != MALFORMED_JSON && type != VALIDATION) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}

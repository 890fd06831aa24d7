package org.bookshelf.service;

import java.util.Optional;

/**
 * The problem vocabulary of Bookshelf: every RFC 9457 {@code type} a client can see, from the
 * services and from the gateway alike. Clients may switch on {@link #uri()}; the URIs are
 * identifiers, not pages. This enum is the one list: the gateway's nginx maps
 * ({@code gateway/nginx/problems.conf}), the OpenAPI document's Problem schema and
 * {@code docs/api.md} are checked against it by tests.
 */
public enum ProblemType {
  VALIDATION(400, "Validation failed", "validation"),
  MALFORMED_JSON(400, "Malformed JSON", "malformed-json"),
  BAD_REQUEST(400, "Bad request", "bad-request"),
  UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
  FORBIDDEN(403, "Forbidden", "forbidden"),
  NOT_FOUND(404, "Not found", "not-found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
  REQUEST_TIMEOUT(408, "Request timeout", "request-timeout"),
  CONFLICT(409, "Conflict", "conflict"),
  PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
  PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
  URI_TOO_LONG(414, "URI too long", "uri-too-long"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
  PRECONDITION_REQUIRED(428, "Precondition required", "precondition-required"),
  TOO_MANY_REQUESTS(429, "Too many requests", "too-many-requests"),
  HEADER_FIELDS_TOO_LARGE(431, "Request header fields too large", "header-fields-too-large"),
  INTERNAL(500, "Internal server error", "internal"),
  BAD_GATEWAY(502, "Bad gateway", "bad-gateway"),
  SERVICE_UNAVAILABLE(503, "Service unavailable", "service-unavailable"),
  GATEWAY_TIMEOUT(504, "Gateway timeout", "gateway-timeout");

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

  /**
   * The general type of a bare HTTP status (Javalin's own 404/405/413, Jetty's 400, the
   * gateway's errors); empty for a status outside the vocabulary. VALIDATION and MALFORMED_JSON
   * are specific kinds of 400 that only code that knows the cause uses.
   */
  public static Optional<ProblemType> forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status && type != MALFORMED_JSON && type != VALIDATION) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}

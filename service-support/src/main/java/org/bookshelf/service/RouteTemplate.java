package org.bookshelf.service;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The matched path template of a request, e.g. {@code /books/{isbn}}, for logs and metrics. */
public final class RouteTemplate {

  /** Label for requests no route matched; keeps metric label values bounded. */
  public static final String UNMATCHED = "unmatched";

  private RouteTemplate() {}

  public static String of(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? UNMATCHED : endpoint.path;
    } catch (RuntimeException noMatch) {
      return UNMATCHED;
    }
  }
}

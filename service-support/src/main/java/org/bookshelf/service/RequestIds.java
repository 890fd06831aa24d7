package org.bookshelf.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Keeps a well-formed incoming {@code X-Request-ID} (the gateway sets one) or makes a new one,
 * echoes it on the response and puts it in the MDC as {@code request_id} so every log line of
 * the request carries it. {@link AccessLog} removes it from the MDC when the request ends.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-ID";
  public static final String MDC_KEY = "request_id";
  private static final Pattern WELL_FORMED = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private RequestIds() {}

  public static void install(JavalinConfig config) {
    config.routes.before(RequestIds::assign);
  }

  /** The incoming id if it is safe to log and echo, otherwise a new random one. */
  public static String accept(String incoming) {
    if (incoming != null && WELL_FORMED.matcher(incoming).matches()) {
      return incoming;
    }
    return UUID.randomUUID().toString();
  }

  /** The id of the current request (set by the before handler). */
  public static String of(Context ctx) {
    String id = ctx.attribute(MDC_KEY);
    return id == null ? "-" : id;
  }

  private static void assign(Context ctx) {
    String id = accept(ctx.header(HEADER));
    ctx.attribute(MDC_KEY, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }
}

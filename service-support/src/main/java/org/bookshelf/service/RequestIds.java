package org.bookshelf.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Keeps a well-formed incoming {@code X-Request-ID} (the gateway sets one) or makes a new one,
 * echoes it on the response and puts it in the MDC as {@code request_id} so every log line of
 * the request carries it. {@link AccessLog} removes it from the MDC when the request ends.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-ID";
  public static final String MDC_KEY = "request_id";
  private static final int MAX_LENGTH = 128;

  private RequestIds() {}

  public static void install(JavalinConfig config) {
    config.routes.before(ctx -> assign(ctx));
  }

  /** The incoming id if it is safe to log and echo, otherwise a new random one. */
  public static String accept(String incoming) {
    if (incoming != null && wellFormed(incoming)) {
      return incoming;
    }
    return newId();
  }

  /** 1 to 128 of {@code A-Z a-z 0-9 . _ : -}; a loop, as a regex match cost more per request. */
  static boolean wellFormed(String id) {
    int length = id.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A random (version 4) UUID. A request id needs to be unique, not unguessable, so it comes from
   * {@link ThreadLocalRandom} rather than {@code UUID.randomUUID()}'s SecureRandom, which is
   * slower and synchronised across request threads.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }

  /**
   * The id of the current request, for its problem document: the one the before handler set,
   * or, when the request failed before that handler ran, one assigned now.
   */
  static String of(Context ctx) {
    String id = ctx.attribute(MDC_KEY);
    return id != null ? id : assign(ctx);
  }

  private static String assign(Context ctx) {
    String id = accept(ctx.header(HEADER));
    ctx.attribute(MDC_KEY, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
    String traceId = TraceIds.traceId(ctx.header(TraceIds.HEADER));
    if (traceId != null) {
      MDC.put(TraceIds.MDC_KEY, traceId);
    }
    return id;
  }
}

package org.bookshelf.service;

/**
 * The trace id of the W3C {@code traceparent} the gateway forwards (it passes the caller's on or
 * starts one: gateway/nginx/trace_context.conf), put in the MDC as {@code trace_id} beside the
 * request id, so every log line of a request names its trace. No tracing SDK is involved: a
 * service that adds one (docs/observability.md) continues the same trace.
 */
public final class TraceIds {

  public static final String HEADER = "traceparent";
  public static final String MDC_KEY = "trace_id";

  private TraceIds() {}

  /**
   * The 32 lower-case hex trace id of a well-formed {@code traceparent}
   * ({@code version-traceid-parentid-flags}), or null: a loop, like {@link RequestIds}, as this runs
   * on every request.
   */
  public static String traceId(String traceparent) {
    if (traceparent == null || traceparent.length() != 55) {
      return null;
    }
    for (int i = 0; i < 55; i++) {
      char c = traceparent.charAt(i);
      boolean dash = i == 2 || i == 35 || i == 52;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return traceparent.substring(3, 35);
  }
}

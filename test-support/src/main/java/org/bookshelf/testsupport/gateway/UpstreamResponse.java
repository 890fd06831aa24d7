package org.bookshelf.testsupport.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** What a test upstream answers, optionally after a delay. */
public record UpstreamResponse(int status, Map<String, String> headers, byte[] body, Duration delay) {

  public static UpstreamResponse json(int status, String json) {
    return of(status, "application/json", json);
  }

  public static UpstreamResponse of(int status, String contentType, String body) {
    return new UpstreamResponse(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
  }

  public UpstreamResponse withHeaders(Map<String, String> extra) {
    var all = new java.util.HashMap<>(headers);
    all.putAll(extra);
    return new UpstreamResponse(status, all, body, delay);
  }

  public UpstreamResponse after(Duration wait) {
    return new UpstreamResponse(status, headers, body, wait);
  }
}

package org.bookshelf.testsupport.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an upstream received: the raw request target, headers (lower-case names), body size. */
public record RecordedRequest(
    String method, String rawTarget, String protocol, Map<String, List<String>> headers,
    int bodyLength, int remotePort) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase())).map(values -> values.get(0));
  }

  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(), List.of());
  }
}

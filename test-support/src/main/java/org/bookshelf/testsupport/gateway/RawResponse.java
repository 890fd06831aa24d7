package org.bookshelf.testsupport.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response read off a raw socket: status, headers (lower-case names), body. */
public record RawResponse(int status, Map<String, List<String>> headers, String body) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase())).map(values -> values.get(0));
  }
}

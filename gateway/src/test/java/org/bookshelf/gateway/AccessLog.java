package org.bookshelf.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.bookshelf.testsupport.gateway.NginxGateway;

/** A gateway's JSON access log, parsed. */
final class AccessLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessLog() {}

  /** The line of one request; nginx buffers the log and writes it within a second. */
  static JsonNode awaitLine(NginxGateway gateway, String requestId) {
    return await("access log line for " + requestId)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                gateway.accessLogLines().stream()
                    .map(AccessLog::parse)
                    .filter(line -> requestId.equals(line.path("request_id").asText()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException("access log line is not JSON: " + line, e);
    }
  }
}

package org.bookshelf.system.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/** A client of Prometheus' HTTP API (/api/v1), as a user's script or Grafana would call it. */
final class Prometheus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, URI> uri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Prometheus(Function<String, URI> uri) {
    this.uri = uri;
  }

  /** The result array of an instant query; fails on an API error (a bad expression). */
  JsonNode query(String promql) {
    JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      throw new IllegalStateException("query " + promql + " failed: " + answer);
    }
    return answer.path("data").path("result");
  }

  /** The active scrape targets. */
  JsonNode targets() {
    return get("/api/v1/targets?state=active").path("data").path("activeTargets");
  }

  /** Pending and firing alerts. */
  JsonNode alerts() {
    return get("/api/v1/alerts").path("data").path("alerts");
  }

  boolean answers() {
    try {
      return "success".equals(get("/api/v1/status/buildinfo").path("status").asText());
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri.apply(path)).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

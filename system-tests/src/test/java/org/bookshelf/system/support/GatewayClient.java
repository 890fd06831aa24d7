package org.bookshelf.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP through the gateway as an API client sees it. {@code key} null means no
 * {@code Authorization} header; {@code ifMatch} null means no {@code If-Match}.
 */
public final class GatewayClient {

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public GatewayClient(URI base) {
    this.base = base;
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, String json, String key) {
    return send(authorized(request(path), key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> put(String path, String json, String key, String ifMatch) {
    HttpRequest.Builder request = authorized(request(path), key).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json));
    return send(ifMatch == null ? request : request.header("If-Match", ifMatch));
  }

  public HttpResponse<String> delete(String path, String key, String ifMatch) {
    HttpRequest.Builder request = authorized(request(path), key).DELETE();
    return send(ifMatch == null ? request : request.header("If-Match", ifMatch));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder request, String key) {
    return key == null ? request : request.header("Authorization", "Bearer " + key);
  }
}

package org.bookshelf.testsupport.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP/1.1 client for one gateway: one kept-alive connection, like a browser tab. */
public final class Http {

  public static final String LOCAL_KEY = "bookshelf-local-key";

  private final NginxGateway gateway;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public Http(NginxGateway gateway) {
    this.gateway = gateway;
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  public HttpResponse<byte[]> getBytes(String path, String... headers) {
    return exchange(request("GET", path, HttpRequest.BodyPublishers.noBody(), headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> send(String method, String path, String body, String... headers) {
    return send(method, path, HttpRequest.BodyPublishers.ofString(body), headers);
  }

  public HttpResponse<String> send(
      String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    return exchange(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(
      String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    var builder =
        HttpRequest.newBuilder(gateway.uri(path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body);
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package org.bookshelf.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.bookshelf.service.Metrics;

/** The real books-web server on a random port, with a plain HTTP client for it. */
final class WebServer implements AutoCloseable {

  private final Javalin app;
  private final PrometheusMeterRegistry registry = Metrics.newRegistry();
  private final HttpClient client = HttpClient.newHttpClient();

  WebServer(Bundle bundle) {
    this(bundle, Map.of());
  }

  WebServer(Bundle bundle, Map<String, String> environment) {
    app = WebApp.create(WebConfig.from(environment), bundle, registry).start("127.0.0.1", 0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<byte[]> head(String path, String... headers) throws Exception {
    return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    app.stop();
    registry.close();
  }
}

package org.bookshelf.service;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

/** A small real service with the standard plumbing on a random port, and a client for it. */
final class TestApp implements AutoCloseable {

  final Javalin app;
  final PrometheusMeterRegistry registry = Metrics.newRegistry();
  private final HttpClient client = HttpClient.newHttpClient();

  TestApp(ReadinessCheck readiness, Consumer<JavalinConfig> routes) {
    this(Map.of(), readiness, routes);
  }

  TestApp(Map<String, String> env, ReadinessCheck readiness, Consumer<JavalinConfig> routes) {
    CommonSettings settings = CommonSettings.from(new EnvConfig(env));
    app =
        Javalin.create(
                config -> {
                  StandardService.configure(config, settings, registry, readiness);
                  routes.accept(config);
                })
            .start("127.0.0.1", 0);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.stop();
    registry.close();
  }
}

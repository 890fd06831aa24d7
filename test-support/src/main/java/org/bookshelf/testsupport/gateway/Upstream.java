package org.bookshelf.testsupport.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small real HTTP server standing in for books-service or books-web: it records every
 * request (with the TCP connection it came on) and answers what the test tells it to.
 */
public final class Upstream implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, UpstreamResponse> responder;

  private Upstream(String name) {
    this.responder = request -> UpstreamResponse.json(200, "{\"upstream\":\"" + name + "\"}");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static Upstream start(String name) {
    return new Upstream(name);
  }

  /** host:port, as BOOKS_SERVICE_UPSTREAM / BOOKS_WEB_UPSTREAM take it. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public Upstream respond(Function<RecordedRequest, UpstreamResponse> answer) {
    this.responder = answer;
    return this;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError("the upstream received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /** Distinct TCP connections seen: each has its own client-side port. */
  public long connections() {
    return requests.stream().mapToInt(RecordedRequest::remotePort).distinct().count();
  }

  public void reset() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
      var request =
          new RecordedRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              exchange.getProtocol(),
              headers,
              body.length,
              exchange.getRemoteAddress().getPort());
      requests.add(request);
      UpstreamResponse response = responder.apply(request);
      if (!response.delay().isZero()) {
        try {
          Thread.sleep(response.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      boolean noBody = "HEAD".equals(request.method()) || response.body().length == 0;
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
      if (!noBody) {
        exchange.getResponseBody().write(response.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

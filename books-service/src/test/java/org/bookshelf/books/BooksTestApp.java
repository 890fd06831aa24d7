package org.bookshelf.books;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.books.http.OpenApiDocuments;
import org.bookshelf.service.Metrics;

/**
 * books-service as Main wires it (same factory), on a random port, with a real HTTP client.
 * Every response can be checked against the service's own OpenAPI document.
 */
public final class BooksTestApp implements AutoCloseable {

  private static final OpenApiInteractionValidator VALIDATOR = OpenApiDocuments.validator();

  public final ServiceConfig config;
  public final HikariDataSource dataSource;
  public final PrometheusMeterRegistry registry = Metrics.newRegistry();
  public final Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  public BooksTestApp(Map<String, String> env) {
    config = ServiceConfig.from(env);
    dataSource = DataSources.create(config, registry);
    app = BooksApp.create(config, dataSource, registry).start("127.0.0.1", 0);
  }

  /** A fresh in-memory H2 database per app, seeded unless the env says otherwise. */
  public static BooksTestApp inMemory(Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    // Graceful draining is proven in service-support; here it would only add a second per stop.
    env.put("SHUTDOWN_TIMEOUT_SECONDS", "0");
    env.putAll(extraEnv);
    return new BooksTestApp(env);
  }

  public static BooksTestApp inMemory() {
    return inMemory(Map.of());
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public HttpResponse<String> put(String path, String ifMatch, String json) throws Exception {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      builder.header("If-Match", ifMatch);
    }
    return send(builder.build());
  }

  public HttpResponse<String> delete(String path, String ifMatch) throws Exception {
    HttpRequest.Builder builder = request(path).DELETE();
    if (ifMatch != null) {
      builder.header("If-Match", ifMatch);
    }
    return send(builder.build());
  }

  /** Problems the OpenAPI validator finds in this response for the operation it answered. */
  public static ValidationReport validate(HttpResponse<String> response) {
    HttpRequest request = response.request();
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach((name, values) -> builder.withHeader(name, values));
    if (!response.body().isEmpty()) {
      builder.withBody(response.body());
    }
    return VALIDATOR.validateResponse(
        request.uri().getPath(), Request.Method.valueOf(request.method()), builder.build());
  }

  @Override
  public void close() {
    app.stop();
    dataSource.close();
    registry.close();
  }
}

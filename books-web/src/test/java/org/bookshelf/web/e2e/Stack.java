package org.bookshelf.web.e2e;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.bookshelf.books.BooksApp;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.service.Metrics;
import org.bookshelf.web.Bundle;
import org.bookshelf.web.WebApp;
import org.bookshelf.web.WebConfig;

/**
 * The real parts in-process on random ports: books-service on an H2 file in a temp dir (seeded
 * with the article's two books), books-web with the bundle Vite just built, and the test gateway
 * in front of both.
 */
final class Stack implements AutoCloseable {

  static final String API_KEY = "bookshelf-local-key";

  private final PrometheusMeterRegistry registry = Metrics.newRegistry();
  private final PrometheusMeterRegistry webRegistry = Metrics.newRegistry();
  private final HikariDataSource dataSource;
  private final Javalin booksService;
  private final Javalin booksWeb;
  final TestGateway gateway;

  Stack(Path dataDir) throws Exception {
    ServiceConfig config = ServiceConfig.from(Map.of("DATA_DIR", dataDir.toString()));
    dataSource = DataSources.create(config, registry);
    booksService = BooksApp.create(config, dataSource, registry).start("127.0.0.1", 0);
    booksWeb =
        WebApp.create(WebConfig.from(Map.of()), Bundle.onClasspath(), webRegistry)
            .start("127.0.0.1", 0);
    gateway = new TestGateway(local(booksService), local(booksWeb), API_KEY);
  }

  private static URI local(Javalin app) {
    return URI.create("http://127.0.0.1:" + app.port() + "/");
  }

  @Override
  public void close() {
    gateway.close();
    booksWeb.stop();
    booksService.stop();
    dataSource.close();
    registry.close();
    webRegistry.close();
  }
}

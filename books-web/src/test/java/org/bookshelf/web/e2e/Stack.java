package org.bookshelf.web.e2e;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.bookshelf.books.BooksApp;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.service.Metrics;
import org.bookshelf.testsupport.gateway.NginxBinary;
import org.bookshelf.testsupport.gateway.NginxGateway;
import org.bookshelf.web.Bundle;
import org.bookshelf.web.WebApp;
import org.bookshelf.web.WebConfig;

/**
 * The real parts on random loopback ports: books-service in-process on an H2 file in a temp dir
 * (seeded with the article's two books), books-web with the bundle Vite just built, and the real
 * nginx on the shipped gateway config in front of both, with its shipped limits and a keys file
 * holding one fresh key. So routing, the CSP and the write check are the ones users get.
 */
final class Stack implements AutoCloseable {

  private final String apiKey = "ui-test-" + UUID.randomUUID();
  private final PrometheusMeterRegistry registry = Metrics.newRegistry();
  private final PrometheusMeterRegistry webRegistry = Metrics.newRegistry();
  private final HikariDataSource dataSource;
  private final Javalin booksService;
  private final Javalin booksWeb;
  private final NginxGateway gateway;

  Stack(Path dataDir) throws IOException {
    NginxBinary.require(); // before anything starts: skips (or fails in CI) without nginx
    ServiceConfig config = ServiceConfig.from(Map.of("DATA_DIR", dataDir.toString()));
    dataSource = DataSources.create(config, registry);
    booksService = BooksApp.create(config, dataSource, registry).start("127.0.0.1", 0);
    booksWeb =
        WebApp.create(WebConfig.from(Map.of()), Bundle.onClasspath(), webRegistry)
            .start("127.0.0.1", 0);
    Path keys = Files.writeString(dataDir.resolve("api-keys.map"), apiKey + " ui-test;\n");
    gateway =
        NginxGateway.start(
            local(booksService), local(booksWeb), Map.of("GATEWAY_API_KEYS_FILE", keys.toString()));
  }

  private static String local(Javalin app) {
    return "127.0.0.1:" + app.port();
  }

  /** The one key the gateway accepts for writes. */
  String apiKey() {
    return apiKey;
  }

  URI uri(String path) {
    return gateway.uri(path);
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

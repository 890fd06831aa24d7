package org.bookshelf.books.backup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;
import org.bookshelf.books.config.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port tools/backup.sh and tools/restore.sh talk to, bound to the loopback interface only:
 * reachable from inside the container ({@code docker exec}, {@code kubectl exec}), never from the
 * network, so it needs no credential of its own: whoever can exec into the container can read
 * the database file anyway. Answers are {@code key=value} lines a shell reads; one request at a
 * time (a single thread), so two backups or a backup and a restore never overlap.
 *
 * <pre>
 * GET    /schema                              store, current and latest-known schema version
 * POST   /backup?name=F                       H2: SCRIPT to DATA_DIR/F
 * POST   /restore?name=F&version=V&replace=B  H2: restore DATA_DIR/F taken at version V
 * DELETE /backup?name=F                       remove DATA_DIR/F
 * </pre>
 */
public final class MaintenanceServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceServer.class);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "maintenance");
    thread.setDaemon(true);
    return thread;
  });
  private final DatabaseVendor store;
  private final SchemaVersions versions;
  private final H2Backups h2;

  private MaintenanceServer(ServiceConfig config, DataSource dataSource) {
    this.store = config.databaseVendor();
    this.versions = new SchemaVersions(dataSource);
    this.h2 = new H2Backups(dataSource, config.dataDir(), versions, config.seedSampleData());
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.maintenancePort()), 4);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.maintenancePort(), e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /** Starts the server, or returns null when MAINTENANCE_PORT is 0. */
  public static MaintenanceServer start(ServiceConfig config, DataSource dataSource) {
    if (config.maintenancePort() == 0) {
      return null;
    }
    MaintenanceServer maintenance = new MaintenanceServer(config, dataSource);
    maintenance.server.start();
    LOG.info("maintenance port 127.0.0.1:{} (backup and restore, loopback only)", config.maintenancePort());
    return maintenance;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      int status = 200;
      String body;
      try {
        body = switch (route) {
          case "GET /schema" ->
              "store=" + store.id() + "\ncurrent=" + versions.current() + "\nlatest=" + versions.latestKnown() + "\n";
          case "POST /backup" -> backup(query.get("name"));
          case "POST /restore" -> restore(query);
          case "DELETE /backup" -> {
            Files.deleteIfExists(h2.file(query.get("name")));
            yield "deleted=" + query.get("name") + "\n";
          }
          default -> throw new H2Backups.Refused(404, "no such operation: " + route);
        };
      } catch (H2Backups.Refused e) {
        status = e.status;
        body = "error=" + e.getMessage() + "\n";
      } catch (Exception e) {
        LOG.warn("maintenance {} failed: {}", route, e.toString());
        status = e instanceof java.sql.SQLTransientConnectionException ? 503 : 500;
        body = "error=" + route + " failed: " + e.getMessage().replace('\n', ' ') + "\n";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private String backup(String name) throws Exception {
    requireH2();
    Path file = h2.file(name);
    long started = System.nanoTime();
    String version = h2.backup(file);
    LOG.info("backup written: {} ({} bytes, schema version {}, {} ms)",
        file, Files.size(file), version, (System.nanoTime() - started) / 1_000_000);
    return "file=" + file + "\nschema_version=" + version + "\nbytes=" + Files.size(file) + "\n";
  }

  private String restore(Map<String, String> query) throws Exception {
    requireH2();
    Path file = h2.file(query.get("name"));
    String version = SchemaVersions.valid(query.get("version"))
        .orElseThrow(() -> new H2Backups.Refused(400, "version must be a Flyway version such as 2 or 4.1"));
    long started = System.nanoTime();
    h2.restore(file, version, "true".equals(query.get("replace")));
    LOG.info("restored {} (taken at schema version {}), now at {} ({} ms)",
        file, version, versions.current(), (System.nanoTime() - started) / 1_000_000);
    return "restored=" + file + "\nschema_version=" + versions.current() + "\n";
  }

  private void requireH2() throws H2Backups.Refused {
    if (store != DatabaseVendor.H2) {
      throw new H2Backups.Refused(409, "this service runs on " + store.id()
          + ": back it up with the database's own tools (pg_dump), not through books-service");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

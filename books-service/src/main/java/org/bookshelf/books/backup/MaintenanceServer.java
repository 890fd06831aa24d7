package org.bookshelf.books.backup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * the database anyway. Answers are {@code key=value} lines a shell reads; one request at a time
 * (a single thread), so two backups or a backup and a restore never overlap. The same on H2
 * and PostgreSQL: a backup is data (Backups), never SQL.
 *
 * <pre>
 * GET    /schema                     store, current and latest-known schema version
 * POST   /backup?name=N              DATA_DIR/N.books.ndjson and DATA_DIR/N.manifest
 * POST   /restore?name=N&replace=B   check those two files whole, then replace the books with them
 * POST   /check?name=N&replace=B     every check of /restore, nothing written
 * DELETE /backup?name=N              remove both files
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
  private final Backups backups;

  private MaintenanceServer(ServiceConfig config, DataSource dataSource) {
    this.store = config.databaseVendor();
    this.versions = new SchemaVersions(dataSource);
    this.backups = new Backups(new UnboundedConnections(dataSource), store, config.dataDir(), versions,
        new SigningKey(config.backupSigningKeyFile()));
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
          case "POST /check" -> check(query);
          case "DELETE /backup" -> {
            backups.delete(query.get("name"));
            yield "deleted=" + query.get("name") + "\n";
          }
          default -> throw new BackupRefused(404, "no such operation: " + route);
        };
      } catch (BackupRefused e) {
        status = e.status();
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
    long started = System.nanoTime();
    BackupManifest manifest = backups.backup(name);
    Backups.Pair files = backups.files(name);
    LOG.info("backup written: {} ({} books, {} bytes, schema version {}, {}, {} ms)", files.payload(),
        manifest.books(), manifest.payloadBytes(), manifest.schemaVersion(),
        manifest.signature().isPresent() ? "signed" : "unsigned", (System.nanoTime() - started) / 1_000_000);
    return "payload=" + files.payload() + "\nmanifest=" + files.manifest() + "\nbooks=" + manifest.books()
        + "\nschema_version=" + manifest.schemaVersion() + "\nbytes=" + manifest.payloadBytes()
        + "\nsigned=" + manifest.signature().isPresent() + "\n";
  }

  private String check(Map<String, String> query) throws Exception {
    Backups.Restored checked = backups.check(query.get("name"), "true".equals(query.get("replace")));
    return "checked=" + checked.books() + "\nsource_store=" + checked.manifest().sourceStore() + "\n"
        + checked.warning().map(w -> "warning=" + w + "\n").orElse("");
  }

  private String restore(Map<String, String> query) throws Exception {
    long started = System.nanoTime();
    Backups.Restored restored = backups.restore(query.get("name"), "true".equals(query.get("replace")));
    restored.warning().ifPresent(w -> LOG.warn("restore: {}", w));
    LOG.info("restored {} books from a {} backup taken at schema version {} ({} ms)", restored.books(),
        restored.manifest().sourceStore(), restored.manifest().schemaVersion(),
        (System.nanoTime() - started) / 1_000_000);
    return "restored=" + restored.books() + "\nsource_store=" + restored.manifest().sourceStore()
        + "\nschema_version=" + versions.current() + "\n"
        + restored.warning().map(w -> "warning=" + w + "\n").orElse("");
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

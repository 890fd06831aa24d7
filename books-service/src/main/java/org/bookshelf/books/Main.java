package org.bookshelf.books;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.bookshelf.books.backup.MaintenanceServer;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.GracefulShutdown;
import org.bookshelf.service.Metrics;
import org.bookshelf.service.SignalExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the environment, starts the service, and stops it gracefully on SIGTERM. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    ServiceConfig config;
    try {
      config = ServiceConfig.from(System.getenv());
    } catch (ConfigException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    HikariDataSource dataSource = DataSources.create(config, registry);
    Javalin app;
    try {
      app = BooksApp.create(config, dataSource, registry).start(config.port());
    } catch (RuntimeException e) {
      LOG.error("startup failed: {}", e.toString(), e);
      dataSource.close();
      System.exit(1);
      return;
    }
    MaintenanceServer maintenance = MaintenanceServer.start(config, dataSource);
    List<AutoCloseable> resources = maintenance == null
        ? List.of(dataSource, registry::close)
        : List.of(maintenance, dataSource, registry::close);
    SignalExit.install(new GracefulShutdown(app, resources));
    LOG.info(
        "books-service ready on port {} ({} ms after JVM start)",
        app.port(),
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
  }
}

package org.bookshelf.books.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.bookshelf.books.config.ServiceConfig;

/** The HikariCP pool for the configured database, with pool metrics in the given registry. */
public final class DataSources {

  private DataSources() {}

  public static HikariDataSource create(ServiceConfig config, MeterRegistry registry) {
    if (config.usesDefaultH2File()) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create DATA_DIR " + config.dataDir(), e);
      }
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("books");
    hikari.setJdbcUrl(config.dbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    hikari.setMaximumPoolSize(config.dbPoolSize());
    // A small pool at rest keeps memory low; it grows under load up to DB_POOL_SIZE.
    hikari.setMinimumIdle(Math.min(2, config.dbPoolSize()));
    // A request waits this long for a connection before answering 503.
    hikari.setConnectionTimeout(config.dbConnectionTimeout().toMillis());
    // Start even when the database is down: /health/ready reports it and requests answer 503.
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionInitSql(SessionSettings.initSql(config.databaseVendor(), config.dbStatementTimeout()));
    hikari.setMetricRegistry(registry);
    return new HikariDataSource(hikari);
  }
}

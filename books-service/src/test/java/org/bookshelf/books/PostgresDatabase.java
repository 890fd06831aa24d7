package org.bookshelf.books;

import java.util.Map;
import javax.sql.DataSource;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL (the build's base image) via Testcontainers, started once per test class:
 * {@code @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();}.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

  private PostgreSQLContainer container;

  @Override
  public void beforeAll(ExtensionContext context) {
    container = new PostgreSQLContainer(TestSettings.postgresImage());
    container.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (container != null) {
      container.stop();
    }
  }

  /** A plain (unpooled) data source on the database. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(container.getJdbcUrl());
    dataSource.setUser(container.getUsername());
    dataSource.setPassword(container.getPassword());
    return dataSource;
  }

  /** books-service's own variables for the database (DB_URL, DB_USER, DB_PASSWORD). */
  public Map<String, String> environment() {
    return Map.of("DB_URL", container.getJdbcUrl(), "DB_USER", container.getUsername(), "DB_PASSWORD", container.getPassword());
  }
}

package org.bookshelf.books.backup;

import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The backup contract on a real PostgreSQL (the build's base image) via Testcontainers. */
@RequiresDocker
class PostgresBackupIT extends BackupContract {

  private static PostgreSQLContainer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = new PostgreSQLContainer(TestSettings.postgresImage());
    postgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.stop();
    }
  }

  static DataSource dataSource(PostgreSQLContainer container) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(container.getJdbcUrl());
    dataSource.setUser(container.getUsername());
    dataSource.setPassword(container.getPassword());
    return dataSource;
  }

  @Override
  protected DataSource emptyDatabase() {
    return dataSource(postgres);
  }

  @Override
  protected DatabaseVendor vendor() {
    return DatabaseVendor.POSTGRESQL;
  }
}

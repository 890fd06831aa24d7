package org.bookshelf.books.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway migrations: {@code db/migration} for both databases, then {@code db/vendor/<product>}
 * (h2, postgresql) for what only one of them has, such as PostgreSQL's search indexes. The sample
 * books are a migration too: it runs once, on the first start, and inserts only when seeding is
 * on, so books deleted later never come back on a restart.
 */
public final class Migrations {

  private Migrations() {}

  /** Migrates the database behind {@code dataSource}, whichever the caller hands. */
  public static void run(DataSource dataSource, boolean seedSampleData) {
    migrate(on(dataSource), seedSampleData);
  }

  /**
   * A pool's database on connections of Flyway's own, not the pool's: pooled connections carry
   * the statement timeout meant for requests, and building an index on a large table takes longer.
   */
  private static FluentConfiguration on(DataSource dataSource) {
    FluentConfiguration flyway = Flyway.configure();
    if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
      return flyway.dataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
    return flyway.dataSource(dataSource);
  }

  /** Where this image's migrations for the database behind {@code dataSource} are. */
  public static String[] locations(DataSource dataSource) {
    return new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource).id()};
  }

  private static void migrate(FluentConfiguration flyway, boolean seedSampleData) {
    flyway
        .locations(locations(flyway.getDataSource()))
        .placeholders(Map.of("seed_sample_data", Boolean.toString(seedSampleData)))
        .load()
        .migrate();
  }

  /** By the URL the connection reports, so the rule is the one the pool's session settings follow. */
  private static DatabaseVendor vendor(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return DatabaseVendor.of(c.getMetaData().getURL());
    } catch (SQLException e) {
      throw new StorageUnavailableException(e);
    }
  }
}

package org.bookshelf.books.db;

import javax.sql.DataSource;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Flyway migrations from {@code db/migration}. The sample books are a migration too: it runs
 * once, on the first start, and inserts only when seeding is on, so books deleted later never
 * come back on a restart.
 */
public final class Migrations {

  private Migrations() {}

  public static void run(DataSource dataSource, boolean seedSampleData) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("seed_sample_data", Boolean.toString(seedSampleData)))
        .load()
        .migrate();
  }
}

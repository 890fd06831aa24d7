package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.service.Metrics;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The wiring migrates the database it is handed, whatever DB_URL the config names. */
class BooksAppTest {

  private final ServiceConfig configured = config(newDatabase());

  @Test
  void a_plain_data_source_it_is_handed_is_the_database_migrated() throws SQLException {
    JdbcDataSource handed = new JdbcDataSource();
    handed.setURL(newDatabase());
    handed.setUser("sa");

    create(handed);

    assertThat(sampleBooks(handed)).isEqualTo(2);
    assertThat(hasBooksTable(configured.dbUrl())).isFalse();
  }

  @Test
  void a_pool_it_is_handed_is_the_database_migrated() throws SQLException {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    try (HikariDataSource handed = DataSources.create(config(newDatabase()), registry)) {
      create(handed);

      assertThat(sampleBooks(handed)).isEqualTo(2);
      assertThat(hasBooksTable(configured.dbUrl())).isFalse();
    } finally {
      registry.close();
    }
  }

  private void create(DataSource handed) {
    PrometheusMeterRegistry registry = Metrics.newRegistry();
    try {
      BooksApp.create(configured, handed, registry);
    } finally {
      registry.close();
    }
  }

  private static String newDatabase() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  private static ServiceConfig config(String dbUrl) {
    return ServiceConfig.from(Map.of("DB_URL", dbUrl, "SHUTDOWN_TIMEOUT_SECONDS", "0"));
  }

  private static long sampleBooks(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM books")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static boolean hasBooksTable(String dbUrl) throws SQLException {
    JdbcDataSource direct = new JdbcDataSource();
    direct.setURL(dbUrl);
    direct.setUser("sa");
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'BOOKS'")) {
      rows.next();
      return rows.getLong(1) > 0;
    }
  }
}

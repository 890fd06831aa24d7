package org.bookshelf.books.backup;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections for a backup or a restore: the service's own URL, user and role, but not from the
 * pool, whose connections carry the statement timeout meant for one request (a backup's single
 * SELECT reads every book). The same reasoning as Migrations.
 */
final class UnboundedConnections {

  private final DataSource dataSource;

  UnboundedConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Connection open() throws SQLException {
    if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
      return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
    return dataSource.getConnection();
  }
}

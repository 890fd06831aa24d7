package org.bookshelf.books.backup;

import java.util.UUID;
import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;
import org.h2.jdbcx.JdbcDataSource;

/** The backup fixture on a fresh in-memory H2. */
abstract class H2Fixture extends BackupFixture {

  static DataSource freshH2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Override
  protected DataSource emptyDatabase() {
    return freshH2();
  }

  @Override
  protected DatabaseVendor vendor() {
    return DatabaseVendor.H2;
  }
}

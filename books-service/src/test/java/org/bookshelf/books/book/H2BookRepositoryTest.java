package org.bookshelf.books.book;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The repository contract on H2, the embedded default. */
class H2BookRepositoryTest extends BookRepositoryContract {

  @Override
  protected DataSource emptyDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}

package org.bookshelf.books.book;

import javax.sql.DataSource;
import org.bookshelf.books.PostgresDatabase;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract on a real PostgreSQL (the build's base image) via Testcontainers. */
@RequiresDocker
class PostgresBookRepositoryIT extends BookRepositoryContract {

  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @Override
  protected DataSource emptyDatabase() {
    return postgres.dataSource();
  }
}

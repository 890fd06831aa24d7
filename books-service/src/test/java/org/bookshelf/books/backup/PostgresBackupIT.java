package org.bookshelf.books.backup;

import javax.sql.DataSource;
import org.bookshelf.books.PostgresDatabase;
import org.bookshelf.books.config.DatabaseVendor;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backup contract on a real PostgreSQL (the build's base image) via Testcontainers. */
@RequiresDocker
class PostgresBackupIT extends BackupContract {

  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @Override
  protected DataSource emptyDatabase() {
    return postgres.dataSource();
  }

  @Override
  protected DatabaseVendor vendor() {
    return DatabaseVendor.POSTGRESQL;
  }
}

package org.bookshelf.books.backup;

import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;

/** The backup contract on H2, the embedded default. */
class H2BackupTest extends BackupContract {

  @Override
  protected DataSource emptyDatabase() {
    return H2Fixture.freshH2();
  }

  @Override
  protected DatabaseVendor vendor() {
    return DatabaseVendor.H2;
  }
}

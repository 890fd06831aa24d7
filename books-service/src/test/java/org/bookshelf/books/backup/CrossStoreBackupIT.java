package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookshelf.books.PostgresDatabase;
import org.bookshelf.books.config.DatabaseVendor;
import org.bookshelf.books.db.Migrations;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One file, either store: H2 → PostgreSQL and PostgreSQL → H2 give the same books. */
@RequiresDocker
class CrossStoreBackupIT extends H2Fixture {

  @RegisterExtension static final PostgresDatabase postgres = new PostgresDatabase();

  @Test
  void an_h2_backup_restores_into_postgresql_and_back_unchanged() throws Exception {
    List<String> h2Books = rows(dataSource);
    backups.backup("from-h2");
    DataSource pg = postgres.dataSource();
    Migrations.run(pg, true);
    Backups onPostgres = backups(pg, DatabaseVendor.POSTGRESQL, Optional.empty());

    onPostgres.restore("from-h2", true);
    assertThat(rows(pg)).as("PostgreSQL after the H2 backup").isEqualTo(h2Books);

    onPostgres.backup("from-pg");
    DataSource freshH2 = freshH2();
    Migrations.run(freshH2, true);
    Backups onFreshH2 = backups(freshH2, DatabaseVendor.H2, Optional.empty());
    onFreshH2.restore("from-pg", true);
    assertThat(rows(freshH2)).as("a new H2 after the PostgreSQL backup").isEqualTo(h2Books);
    assertThat(Files.readAllBytes(dir.resolve("from-pg.books.ndjson")))
        .as("the payload is the same bytes whichever store wrote it")
        .isEqualTo(Files.readAllBytes(dir.resolve("from-h2.books.ndjson")));
  }

}

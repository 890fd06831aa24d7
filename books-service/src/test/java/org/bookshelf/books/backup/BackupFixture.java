package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookshelf.books.book.Book;
import org.bookshelf.books.book.BookRepository;
import org.bookshelf.books.book.Isbn;
import org.bookshelf.books.config.DatabaseVendor;
import org.bookshelf.books.db.Migrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrated store holding three books (one with SQL in its fields), a backup directory, and
 * the helpers the backup tests share; subclasses say which database.
 */
abstract class BackupFixture {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");
  static final String SQL_TITLE = "'); DROP TABLE books; --";
  static final String SQL_AUTHOR = "x'); CALL FILE_WRITE(STRINGTOUTF8('pwned'), 'pwned.txt'); --";

  @TempDir Path dir;
  DataSource dataSource;
  Backups backups;
  BackupFiles files;

  /** A migrated-or-not, empty database; called before each test. */
  protected abstract DataSource emptyDatabase() throws Exception;

  protected abstract DatabaseVendor vendor();

  @BeforeEach
  void setUp() throws Exception {
    dataSource = emptyDatabase();
    Migrations.run(dataSource, false);
    execute(dataSource, "DELETE FROM books");
    BookRepository repository = new BookRepository(dataSource);
    repository.insert(new Book(isbn("9780306406157"), "Kept", "Author A", 1999, 3, T0, T0.plusSeconds(60),
        "alice", "bob"));
    repository.insert(new Book(isbn("9781788395540"), SQL_TITLE, SQL_AUTHOR, null, 1, T0, T0, null, null));
    repository.insert(new Book(isbn("9781788620215"), "Ünïcødé 📚 \"quoted\" \\ back", "Ö", 2018, 2, T0, T0,
        "svc:importer", "svc:importer"));
    backups = backups(dataSource, vendor(), Optional.empty());
    files = new BackupFiles(dir);
  }

  Backups backups(DataSource source, DatabaseVendor store, Optional<Path> key) {
    return new Backups(new UnboundedConnections(source), store, dir, new SchemaVersions(source), new SigningKey(key));
  }

  void assertRefusedUnchanged(String name, String message) throws Exception {
    assertRefusedUnchanged(name, true, message);
  }

  void assertRefusedUnchanged(String name, boolean replace, String message) throws Exception {
    List<String> before = rows(dataSource);
    assertThatThrownBy(() -> backups.restore(name, replace))
        .isInstanceOf(BackupRefused.class)
        .hasMessageContaining(message);
    assertThat(rows(dataSource)).as("the store after the refused restore").isEqualTo(before);
  }

  static String line(String isbn, String title) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"" + title + "\",\"author\":\"A\",\"version\":1,"
        + "\"createdAt\":\"2026-01-01T10:00:00Z\",\"updatedAt\":\"2026-01-01T10:00:00Z\"}";
  }

  /** ISBN-13 number n of the 979 range (as GeneratedBooks numbers them). */
  static String generated(long n) {
    return org.bookshelf.books.GeneratedBooks.isbn(n);
  }

  static Isbn isbn(String text) {
    return Isbn.parse(text).orElseThrow();
  }

  /** Every stored row, every column, in ISBN order. */
  static List<String> rows(DataSource source) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT isbn, title, author, publication_year, version, created_at,"
            + " updated_at, created_by, updated_by FROM books ORDER BY isbn")) {
      while (rs.next()) {
        rows.add(String.join("|", rs.getString(1).trim(), rs.getString(2), rs.getString(3),
            String.valueOf(rs.getObject(4)), String.valueOf(rs.getLong(5)),
            rs.getTimestamp(6).toInstant().toString(), rs.getTimestamp(7).toInstant().toString(),
            String.valueOf(rs.getString(8)), String.valueOf(rs.getString(9))));
      }
    }
    return rows;
  }

  static void execute(DataSource source, String sql) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

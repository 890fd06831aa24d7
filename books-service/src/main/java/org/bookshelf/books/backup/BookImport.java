package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import org.bookshelf.books.book.Book;
import org.bookshelf.books.config.DatabaseVendor;

/**
 * Replaces every book with a checked payload's, in one transaction: a failure anywhere, the
 * payload changing since it was checked included (the scan runs again), rolls back to the old
 * books. The statements are this class's own; the payload only ever fills their parameters.
 */
final class BookImport {

  private static final int BATCH = 1000;
  private static final String INSERT =
      "INSERT INTO books (isbn, title, author, publication_year, version, created_at, updated_at,"
          + " created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final UnboundedConnections connections;
  private final DatabaseVendor vendor;
  private final PayloadScan scan = new PayloadScan();

  BookImport(UnboundedConnections connections, DatabaseVendor vendor) {
    this.connections = connections;
    this.vendor = vendor;
  }

  /** Writes the payload's books in place of the stored ones; returns how many. */
  long replace(Path payload, BackupManifest manifest) throws BackupRefused, IOException, SQLException {
    try (Connection connection = connections.open()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          PreparedStatement insert = connection.prepareStatement(INSERT)) {
        if (vendor == DatabaseVendor.POSTGRESQL) {
          // Writers wait (and time out with 503) instead of slipping a book in mid-restore; readers go on.
          statement.execute("LOCK TABLE books IN EXCLUSIVE MODE");
        }
        statement.executeUpdate("DELETE FROM books");
        long[] pending = {0};
        scan.scan(payload, manifest, book -> {
          bind(insert, book);
          insert.addBatch();
          if (++pending[0] % BATCH == 0) {
            insert.executeBatch();
          }
        });
        insert.executeBatch();
        connection.commit();
        return pending[0];
      } catch (BackupRefused | IOException | SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void bind(PreparedStatement insert, Book book) throws SQLException {
    insert.setString(1, book.isbn().value());
    insert.setString(2, book.title());
    insert.setString(3, book.author());
    if (book.publicationYear() == null) {
      insert.setNull(4, Types.INTEGER);
    } else {
      insert.setInt(4, book.publicationYear());
    }
    insert.setLong(5, book.version());
    insert.setTimestamp(6, Timestamp.from(book.createdAt()));
    insert.setTimestamp(7, Timestamp.from(book.updatedAt()));
    insert.setString(8, book.createdBy());
    insert.setString(9, book.updatedBy());
  }
}

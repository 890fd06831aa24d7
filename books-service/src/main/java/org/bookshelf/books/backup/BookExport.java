package org.bookshelf.books.backup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.bookshelf.books.book.Book;
import org.bookshelf.books.book.Isbn;
import org.bookshelf.books.config.DatabaseVendor;

/**
 * Writes every book, in ISBN order, as one JSON line each, from one repeatable-read snapshot
 * (consistent while writes go on). Rows stream: a cursor on PostgreSQL (fetch size, outside
 * autocommit), lazy execution on H2, so memory stays flat however many books there are.
 */
final class BookExport {

  /** What was written. */
  record Written(long books, long bytes, String sha256) {}

  private static final int FETCH_SIZE = 1000;
  private static final String SELECT =
      "SELECT isbn, title, author, publication_year, version, created_at, updated_at, created_by, updated_by"
          + " FROM books ORDER BY isbn";

  private final UnboundedConnections connections;
  private final DatabaseVendor vendor;
  private final BookLine lines = new BookLine();
  private final JsonFactory json = new JsonFactory();

  BookExport(UnboundedConnections connections, DatabaseVendor vendor) {
    this.connections = connections;
    this.vendor = vendor;
  }

  Written write(Path target) throws IOException, SQLException {
    MessageDigest sha256 = sha256();
    long books = 0;
    try (Connection connection = connections.open()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      if (vendor == DatabaseVendor.H2) {
        try (Statement lazy = connection.createStatement()) {
          lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
      }
      try (OutputStream file = Files.newOutputStream(target);
          DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha256);
          JsonGenerator out = json.createGenerator(digesting, JsonEncoding.UTF8);
          PreparedStatement select = connection.prepareStatement(SELECT)) {
        out.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // One object per line: the newline is the only separator, not Jackson's default space.
        out.setRootValueSeparator(null);
        select.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            lines.write(out, book(rows));
            out.writeRaw('\n');
            books++;
          }
        }
        out.flush();
      }
      connection.commit();
    }
    return new Written(books, Files.size(target), HexFormat.of().formatHex(sha256.digest()));
  }

  private static Book book(ResultSet rows) throws SQLException {
    int year = rows.getInt(4);
    Integer publicationYear = rows.wasNull() ? null : year;
    return new Book(new Isbn(rows.getString(1).trim()), rows.getString(2), rows.getString(3), publicationYear,
        rows.getLong(5), rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant(),
        rows.getString(8), rows.getString(9));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

package org.bookshelf.books.book;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookshelf.books.db.StorageException;
import org.bookshelf.books.db.StorageUnavailableException;

/**
 * Storage of books, in SQL that runs unchanged on H2 and PostgreSQL. It reports what the
 * database did; {@link BookService} decides what that means (duplicate, stale, missing).
 * Conditional writes are a single {@code UPDATE … WHERE version = ?}, so of concurrent writers
 * holding the same version exactly one wins.
 */
public final class BookRepository {

  /**
   * What a write conditional on the stored version did: {@code applied} when the row matched;
   * {@code current} is the row as it stands afterwards (empty after a delete, or when no book has
   * the ISBN), read on the writer's own connection.
   */
  public record Write(boolean applied, Optional<Book> current) {}

  // map() reads these by position.
  private static final String COLUMNS =
      "isbn, title, author, publication_year, version, created_at, updated_at, created_by, updated_by";
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public BookRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<Book> find(Isbn isbn) {
    try (Connection c = connect()) {
      return find(c, isbn);
    } catch (SQLException e) {
      throw translate("find", e);
    }
  }

  public BookPage list(BookQuery query) {
    // PostgreSQL refuses NUL in a parameter; no stored text holds one, so nothing can match.
    if (containsNul(query.text()) || containsNul(query.author())) {
      return new BookPage(List.of(), false);
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM books WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.text() != null) {
      sql.append(" AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(author) LIKE ? ESCAPE '\\')");
      String pattern = "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
      args.add(pattern);
      args.add(pattern);
    }
    if (query.author() != null) {
      sql.append(" AND LOWER(author) = ?");
      args.add(query.author().toLowerCase(Locale.ROOT));
    }
    if (query.after() != null) {
      sql.append(" AND isbn > ?");
      args.add(query.after().value());
    }
    // One row more than asked tells whether a next page exists.
    sql.append(" ORDER BY isbn LIMIT ").append(query.limit() + 1);
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      List<Book> books = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          books.add(map(rs));
        }
      }
      boolean hasMore = books.size() > query.limit();
      return new BookPage(hasMore ? books.subList(0, query.limit()) : books, hasMore);
    } catch (SQLException e) {
      throw translate("list", e);
    }
  }

  /** Stores the book as given; false when a book with its ISBN is already stored. */
  public boolean insert(Book book) {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO books (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, book.isbn().value());
      setFields(s, 2, book.title(), book.author(), book.publicationYear());
      s.setLong(5, book.version());
      s.setTimestamp(6, Timestamp.from(book.createdAt()));
      s.setTimestamp(7, Timestamp.from(book.updatedAt()));
      s.setString(8, book.createdBy());
      s.setString(9, book.updatedBy());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw translate("insert", e);
    }
  }

  /**
   * Replaces the writable fields, sets {@code updated_at} and {@code updated_by} and increments the version (in the same
   * statement, so {@code If-Match: *} writers never lose an increment), when the stored version is
   * {@code expectedVersion} (any version when null).
   */
  public Write update(Isbn isbn, Long expectedVersion, BookDraft draft, Instant now, String caller) {
    String sql =
        "UPDATE books SET title = ?, author = ?, publication_year = ?, version = version + 1,"
            + " updated_at = ?, updated_by = ? WHERE isbn = ?"
            + (expectedVersion == null ? "" : " AND version = ?");
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      setFields(s, 1, draft.title(), draft.author(), draft.publicationYear());
      s.setTimestamp(4, Timestamp.from(now));
      s.setString(5, caller);
      s.setString(6, isbn.value());
      if (expectedVersion != null) {
        s.setLong(7, expectedVersion);
      }
      return new Write(s.executeUpdate() == 1, find(c, isbn));
    } catch (SQLException e) {
      throw translate("update", e);
    }
  }

  /** Deletes the book when the stored version is {@code expectedVersion} (any when null). */
  public Write delete(Isbn isbn, Long expectedVersion) {
    String sql =
        "DELETE FROM books WHERE isbn = ?" + (expectedVersion == null ? "" : " AND version = ?");
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, isbn.value());
      if (expectedVersion != null) {
        s.setLong(2, expectedVersion);
      }
      return s.executeUpdate() == 1
          ? new Write(true, Optional.empty())
          : new Write(false, find(c, isbn));
    } catch (SQLException e) {
      throw translate("delete", e);
    }
  }

  /** Succeeds when the database answers; the readiness check. */
  public void ping() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        throw new SQLException("connection is not valid");
      }
    }
  }

  // Writes read back on their own connection: asking the pool for a second one while holding
  // the first starves the pool when many writers lose at once (each holds one, waits for another).
  private static Optional<Book> find(Connection c, Isbn isbn) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM books WHERE isbn = ?")) {
      s.setString(1, isbn.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private Connection connect() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new StorageUnavailableException(e);
    }
  }

  private static void setFields(
      PreparedStatement s, int first, String title, String author, Integer publicationYear)
      throws SQLException {
    s.setString(first, title);
    s.setString(first + 1, author);
    if (publicationYear == null) {
      s.setNull(first + 2, Types.INTEGER);
    } else {
      s.setInt(first + 2, publicationYear);
    }
  }

  // By position in COLUMNS: H2 resolves a column name per call (upper-casing and a lookup),
  // which profiling put at 4 % of a GET's CPU.
  private static Book map(ResultSet rs) throws SQLException {
    int year = rs.getInt(4);
    Integer publicationYear = rs.wasNull() ? null : year;
    return new Book(
        new Isbn(rs.getString(1).trim()),
        rs.getString(2),
        rs.getString(3),
        publicationYear,
        rs.getLong(5),
        rs.getTimestamp(6).toInstant(),
        rs.getTimestamp(7).toInstant(),
        rs.getString(8),
        rs.getString(9));
  }

  private static boolean containsNul(String filter) {
    return filter != null && filter.indexOf('\u0000') >= 0;
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static RuntimeException translate(String operation, SQLException e) {
    String state = e.getSQLState();
    // SQLSTATE class 08: connection exceptions (database down, network cut); 57P01-57P03: the
    // server is shutting down, crashed or starting (a PostgreSQL restart ends open sessions so).
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return new StorageUnavailableException(e);
    }
    return new StorageException(operation + " failed: " + e.getMessage(), e);
  }
}

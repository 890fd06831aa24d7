package org.bookshelf.books;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bookshelf.books.config.DatabaseVendor;

/**
 * Many books in one statement, on H2 or PostgreSQL: {@code generated-books.sql}, the generator
 * bench/scale.sh loads too (it says what the rows look like).
 */
public final class GeneratedBooks {

  /** In about 1 of 7 titles. */
  public static final String FREQUENT_WORD = "kubernetes";
  /** In no title and no author. */
  public static final String MISSING_WORD = "zzyzx";

  private GeneratedBooks() {}

  /** "Author 0000" to "Author 4999": each writes every 5000th book. */
  public static String author(int n) {
    return String.format("Author %04d", n % 5000);
  }

  /** The ISBN-13 of generated book n: 979, n in 9 digits, the check digit. */
  public static String isbn(long n) {
    String twelve = String.format("979%09d", n);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return twelve + (10 - sum % 10) % 10;
  }

  /** Inserts books 1 to {@code count} into the migrated {@code books} table. */
  public static void insert(DataSource dataSource, int count) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      String rows =
          DatabaseVendor.of(c.getMetaData().getURL()) == DatabaseVendor.H2
              ? "SELECT X AS n FROM SYSTEM_RANGE(1, " + count + ")"
              : "SELECT generate_series(1, " + count + ") AS n";
      s.execute(template().replace("@ROWS@", rows));
    }
  }

  private static String template() {
    try (InputStream in = GeneratedBooks.class.getResourceAsStream("/generated-books.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.bookshelf.books.config;

import java.util.Locale;

/**
 * Which database a JDBC URL names, decided here once: the session settings, the vendor
 * migrations and the backups each differ by it, and must never disagree about it.
 */
public enum DatabaseVendor {
  H2,
  POSTGRESQL,
  /** Any other database: no session bound, no vendor migrations, no backups through the service. */
  OTHER;

  public static DatabaseVendor of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    return OTHER;
  }

  /** An H2 database in a file (the default, under DATA_DIR), whose directory may not exist yet. */
  public static boolean isH2File(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:file:");
  }

  /** Lower case: the folder under db/vendor and the {@code store} the maintenance port reports. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.bookshelf.books.db;

import java.time.Duration;
import org.bookshelf.books.config.DatabaseVendor;

/**
 * What every pooled connection sets when it opens, in its database's dialect: the statement
 * timeout that bounds one request's database time (a statement over it fails with SQLSTATE
 * 57014 on both databases, answered 503), and on PostgreSQL custom plans for every execution, so
 * a search pattern is planned with its value: a pattern that matches few rows uses the trigram
 * index, a frequent one walks the primary key in order (a generic plan cannot tell them apart).
 * Migrations run on connections of their own ({@link Migrations}), without the bound.
 */
public final class SessionSettings {

  private SessionSettings() {}

  /** The SQL to run on each new connection to {@code vendor}'s database; null for any other. */
  public static String initSql(DatabaseVendor vendor, Duration statementTimeout) {
    long millis = statementTimeout.toMillis();
    return switch (vendor) {
      case H2 -> "SET QUERY_TIMEOUT " + millis;
      case POSTGRESQL -> "SET statement_timeout = " + millis + "; SET plan_cache_mode = force_custom_plan";
      case OTHER -> null;
    };
  }
}

package org.bookshelf.books.db;

/**
 * A statement ran into the statement timeout (DB_STATEMENT_TIMEOUT_MS) and was cancelled: the
 * request costs too much database time now; the API answers 503 with Retry-After.
 */
public final class QueryTimeoutException extends RuntimeException {
  public QueryTimeoutException(Throwable cause) {
    super("The query took longer than the statement timeout.", cause);
  }
}

package org.bookshelf.books.db;

/** The database cannot be reached; the API answers 503 so clients and the gateway retry later. */
public final class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(Throwable cause) {
    super("The database is not available.", cause);
  }
}

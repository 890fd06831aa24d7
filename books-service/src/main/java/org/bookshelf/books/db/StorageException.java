package org.bookshelf.books.db;

/** A database error that is not about reachability: a bug or a broken schema (500). */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

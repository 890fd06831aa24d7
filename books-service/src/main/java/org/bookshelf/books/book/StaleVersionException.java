package org.bookshelf.books.book;

/** The client's version (If-Match) is not the stored one: someone else changed the book. */
public final class StaleVersionException extends RuntimeException {
  public StaleVersionException(Isbn isbn, long currentVersion) {
    super(
        "Book " + isbn + " has changed; its current version is " + currentVersion
            + ". Fetch it again and retry with the new ETag.",
        null,
        false,
        false);
  }
}

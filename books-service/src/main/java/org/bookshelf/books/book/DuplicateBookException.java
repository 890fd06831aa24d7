package org.bookshelf.books.book;

public final class DuplicateBookException extends RuntimeException {
  public DuplicateBookException(Isbn isbn) {
    super("A book with ISBN " + isbn + " already exists.", null, false, false);
  }
}

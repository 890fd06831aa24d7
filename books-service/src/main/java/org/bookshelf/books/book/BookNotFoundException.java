package org.bookshelf.books.book;

public final class BookNotFoundException extends RuntimeException {
  public BookNotFoundException(Isbn isbn) {
    super("No book with ISBN " + isbn + ".", null, false, false);
  }
}

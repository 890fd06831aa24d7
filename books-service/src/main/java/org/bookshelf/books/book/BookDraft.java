package org.bookshelf.books.book;

/** The writable fields of a book, already validated. */
public record BookDraft(String title, String author, Integer publicationYear) {

  public static final int MAX_TEXT_LENGTH = 200;
  public static final int MIN_YEAR = 1;
  public static final int MAX_YEAR = 9999;
}

package org.bookshelf.books.book;

/**
 * A page request: books ordered by ISBN after {@code after} (exclusive, null for the first page),
 * at most {@code limit}; {@code text} matches title or author as a case-insensitive substring,
 * {@code author} matches the author case-insensitively and exactly. Null filters match all.
 */
public record BookQuery(String text, String author, Isbn after, int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
}

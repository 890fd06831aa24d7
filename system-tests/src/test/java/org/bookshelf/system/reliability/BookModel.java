package org.bookshelf.system.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** What the database should hold: ISBN-13 → title, author, year, as the API stores them. */
final class BookModel {

  record Book(String title, String author, Integer publicationYear) {}

  private final Map<String, Book> books = new TreeMap<>();

  void put(String isbn13, Book book) {
    books.put(isbn13, book);
  }

  void remove(String isbn13) {
    books.remove(isbn13);
  }

  boolean contains(String isbn13) {
    return books.containsKey(isbn13);
  }

  /** A stored ISBN picked at random, or null when the model is empty. */
  String any(Random random) {
    List<String> isbns = new ArrayList<>(books.keySet());
    return isbns.isEmpty() ? null : isbns.get(random.nextInt(isbns.size()));
  }

  Map<String, Book> books() {
    return books;
  }
}

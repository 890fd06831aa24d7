package org.bookshelf.books.book;

import java.util.List;

/** One page of books, and whether another page follows the last one. */
public record BookPage(List<Book> books, boolean hasMore) {}

package org.bookshelf.books.book;

import java.time.Instant;

/** A stored book; {@code version} starts at 1 and grows by one on every change. */
public record Book(
    Isbn isbn,
    String title,
    String author,
    Integer publicationYear,
    long version,
    Instant createdAt,
    Instant updatedAt) {}

package org.bookshelf.books.book;

import java.time.Instant;

/**
 * A stored book; {@code version} starts at 1 and grows by one on every change. {@code createdBy}
 * and {@code updatedBy} name the caller the gateway verified (null for books written before
 * they were recorded, or without a caller).
 */
public record Book(
    Isbn isbn,
    String title,
    String author,
    Integer publicationYear,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String createdBy,
    String updatedBy) {}

package org.bookshelf.books.book;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A book as the API shows it: ISBN-13, ISO-8601 UTC timestamps; no year, creator or last editor
 * when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookResponse(
    String isbn,
    String title,
    String author,
    Integer publicationYear,
    String createdAt,
    String updatedAt,
    String createdBy,
    String updatedBy) {

  public static BookResponse of(Book book) {
    return new BookResponse(
        book.isbn().value(),
        book.title(),
        book.author(),
        book.publicationYear(),
        book.createdAt().toString(),
        book.updatedAt().toString(),
        book.createdBy(),
        book.updatedBy());
  }
}

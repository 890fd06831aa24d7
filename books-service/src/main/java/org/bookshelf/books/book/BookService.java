package org.bookshelf.books.book;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rules for books: existence, uniqueness, and versions checked on every change. */
public final class BookService {

  private final BookRepository repository;
  private final Clock clock;

  public BookService(BookRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public Book get(Isbn isbn) {
    return repository.find(isbn).orElseThrow(() -> new BookNotFoundException(isbn));
  }

  public BookPage list(BookQuery query) {
    return repository.list(query);
  }

  public Book create(Isbn isbn, BookDraft draft) {
    return repository.insert(isbn, draft, now());
  }

  /** {@code expectedVersion} null means any version ({@code If-Match: *}). */
  public Book replace(Isbn isbn, Long expectedVersion, BookDraft draft) {
    return repository.update(isbn, expectedVersion, draft, now());
  }

  public void delete(Isbn isbn, Long expectedVersion) {
    repository.delete(isbn, expectedVersion);
  }

  // Milliseconds: what both databases store and what the JSON shows.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}

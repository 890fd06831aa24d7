package org.bookshelf.books.book;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The rules for books: a new book starts at version 1, an ISBN is stored once, and a change
 * names the version it replaces; a refused change is "missing" when no book has the ISBN, else
 * "stale". {@link BookRepository} only stores and reports what the database did.
 */
public final class BookService {

  private static final long FIRST_VERSION = 1;

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

  /** {@code caller}: who writes, as the gateway names them; null when no one is named. */
  public Book create(Isbn isbn, BookDraft draft, String caller) {
    Instant now = now();
    Book book =
        new Book(
            isbn, draft.title(), draft.author(), draft.publicationYear(), FIRST_VERSION, now, now,
            caller, caller);
    if (!repository.insert(book)) {
      throw new DuplicateBookException(isbn);
    }
    return book;
  }

  /** {@code expectedVersion} null means any version ({@code If-Match: *}). */
  public Book replace(Isbn isbn, Long expectedVersion, BookDraft draft, String caller) {
    return applied(isbn, repository.update(isbn, expectedVersion, draft, now(), caller))
        // Deleted by someone else between the write and its read-back.
        .orElseThrow(() -> new BookNotFoundException(isbn));
  }

  public void delete(Isbn isbn, Long expectedVersion) {
    applied(isbn, repository.delete(isbn, expectedVersion));
  }

  private static Optional<Book> applied(Isbn isbn, BookRepository.Write write) {
    if (write.applied()) {
      return write.current();
    }
    Book current = write.current().orElseThrow(() -> new BookNotFoundException(isbn));
    throw new StaleVersionException(isbn, current.version());
  }

  // Milliseconds: what both databases store and what the JSON shows.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}

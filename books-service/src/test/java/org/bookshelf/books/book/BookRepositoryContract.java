package org.bookshelf.books.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bookshelf.books.db.Migrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What BookRepository stores and reports, and the rules BookService makes of it, run against
 * each database (H2 and PostgreSQL subclasses). Each test starts from an empty, migrated schema
 * without the sample books.
 */
public abstract class BookRepositoryContract {

  private static final Isbn A = Isbn.parse("9780306406157").orElseThrow();
  private static final Isbn B = Isbn.parse("9781788395540").orElseThrow();
  private static final Isbn C = Isbn.parse("9781788620215").orElseThrow();
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

  protected BookRepository repository;
  private BookService service;
  private DataSource dataSource;

  /** A migrated database with no rows; called before each test. */
  protected abstract DataSource emptyDatabase() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = emptyDatabase();
    Migrations.run(dataSource, false);
    try (var c = dataSource.getConnection(); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM books");
    }
    repository = new BookRepository(dataSource);
    service = new BookService(repository, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void insert_then_find_round_trips_every_field() {
    Book stored = new Book(A, "Title", "Author", 1999, 7, T0, T0.plusSeconds(60), "alice", "bob");

    assertThat(repository.insert(stored)).isTrue();
    assertThat(repository.find(A)).contains(stored);
  }

  @Test
  void unknown_year_is_stored_as_null() {
    service.create(A, new BookDraft("T", "A", null), null);
    assertThat(repository.find(A).orElseThrow().publicationYear()).isNull();
  }

  @Test
  void find_unknown_is_empty() {
    assertThat(repository.find(A)).isEmpty();
  }

  @Test
  void a_new_book_starts_at_version_one_created_and_updated_now() {
    assertThat(service.create(A, new BookDraft("Title", "Author", 1999), "alice"))
        .isEqualTo(new Book(A, "Title", "Author", 1999, 1, T0, T0, "alice", "alice"))
        .isEqualTo(repository.find(A).orElseThrow());
  }

  @Test
  void duplicate_insert_is_reported_and_rejected_as_a_duplicate() {
    service.create(A, new BookDraft("T", "A", null), null);
    assertThat(repository.insert(new Book(A, "U", "B", null, 1, T0, T0, null, null))).isFalse();
    assertThatThrownBy(() -> service.create(A, new BookDraft("U", "B", null), null))
        .isInstanceOf(DuplicateBookException.class);
    assertThat(repository.find(A).orElseThrow().title()).isEqualTo("T");
  }

  @Test
  void update_with_current_version_replaces_and_increments_version() {
    service.create(A, new BookDraft("T", "A", 2000), "alice");
    Instant later = T0.plus(1, ChronoUnit.HOURS);

    BookRepository.Write write = repository.update(A, 1L, new BookDraft("T2", "A2", null), later, "bob");

    assertThat(write)
        .isEqualTo(new BookRepository.Write(true, Optional.of(new Book(A, "T2", "A2", null, 2, T0, later, "alice", "bob"))));
    assertThat(service.replace(A, 2L, new BookDraft("T3", "A3", 1), "carol")).isEqualTo(new Book(A, "T3", "A3", 1, 3, T0, T0, "alice", "carol"));
  }

  @Test
  void update_with_stale_version_fails_and_changes_nothing() {
    Book stored = service.create(A, new BookDraft("T", "A", null), null);
    assertThat(repository.update(A, 5L, new BookDraft("X", "Y", null), T0, null))
        .isEqualTo(new BookRepository.Write(false, Optional.of(stored)));
    assertThatThrownBy(() -> service.replace(A, 5L, new BookDraft("X", "Y", null), null))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("current version is 1");
    assertThat(repository.find(A)).contains(stored);
  }

  @Test
  void update_with_any_version_and_of_unknown_book() {
    service.create(A, new BookDraft("T", "A", null), null);
    assertThat(service.replace(A, null, new BookDraft("X", "Y", null), null).version()).isEqualTo(2);
    assertThat(repository.update(B, 1L, new BookDraft("X", "Y", null), T0, null))
        .isEqualTo(new BookRepository.Write(false, Optional.empty()));
    assertThatThrownBy(() -> service.replace(B, 1L, new BookDraft("X", "Y", null), null))
        .isInstanceOf(BookNotFoundException.class);
    assertThatThrownBy(() -> service.replace(B, null, new BookDraft("X", "Y", null), null))
        .isInstanceOf(BookNotFoundException.class);
  }

  @Test
  void losing_writes_need_no_second_connection() {
    // A pool of one with the shortest wait: an operation that asked for a second connection while
    // holding its first would time out. Under load that is pool starvation: many losing writers
    // each hold one connection and wait for another, and the API answers 503 instead of 412.
    // The count also catches a second connection asked for after the first was returned.
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    try (HikariDataSource onePooledConnection = new HikariDataSource(config)) {
      AtomicInteger asked = new AtomicInteger();
      BookService oneConnection =
          new BookService(
              new BookRepository(counting(onePooledConnection, asked)), Clock.fixed(T0, ZoneOffset.UTC));
      oneConnection.create(A, new BookDraft("T", "A", null), null);

      assertThat(oneConnection.replace(A, 1L, new BookDraft("T2", "A", null), null).version())
          .isEqualTo(2);
      asked.set(0);
      assertThatThrownBy(() -> oneConnection.replace(A, 1L, new BookDraft("X", "Y", null), null))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> oneConnection.delete(A, 1L))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> oneConnection.replace(B, 1L, new BookDraft("X", "Y", null), null))
          .isInstanceOf(BookNotFoundException.class);
      assertThat(asked).as("connections asked for by three losing writes").hasValue(3);
    }
  }

  private static DataSource counting(DataSource target, AtomicInteger asked) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                asked.incrementAndGet();
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void delete_checks_the_version() {
    Book stored = service.create(A, new BookDraft("T", "A", null), null);
    assertThat(repository.delete(A, 2L)).isEqualTo(new BookRepository.Write(false, Optional.of(stored)));
    assertThatThrownBy(() -> service.delete(A, 2L)).isInstanceOf(StaleVersionException.class);
    service.delete(A, 1L);
    assertThat(repository.find(A)).isEmpty();
    assertThat(repository.delete(A, null)).isEqualTo(new BookRepository.Write(false, Optional.empty()));
    assertThatThrownBy(() -> service.delete(A, null)).isInstanceOf(BookNotFoundException.class);
  }

  @Test
  void list_pages_in_isbn_order() {
    service.create(C, new BookDraft("Gamma", "Zed", null), null);
    service.create(A, new BookDraft("Alpha", "Ann", null), null);
    service.create(B, new BookDraft("Beta", "Bob", null), null);

    BookPage first = repository.list(new BookQuery(null, null, null, 2));
    assertThat(first.books()).extracting(Book::isbn).containsExactly(A, B);
    assertThat(first.hasMore()).isTrue();
    BookPage second = repository.list(new BookQuery(null, null, B, 2));
    assertThat(second.books()).extracting(Book::isbn).containsExactly(C);
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void list_filters_text_on_title_or_author_case_insensitively_and_literally() {
    service.create(A, new BookDraft("Node Basics", "Ann", null), null);
    service.create(B, new BookDraft("Go", "Jo Nodes", null), null);
    service.create(C, new BookDraft("100% Java_Guide", "Zed", null), null);

    assertThat(repository.list(new BookQuery("NODE", null, null, 10)).books())
        .extracting(Book::isbn)
        .containsExactly(A, B);
    assertThat(repository.list(new BookQuery("0%", null, null, 10)).books())
        .extracting(Book::isbn)
        .containsExactly(C);
    assertThat(repository.list(new BookQuery("a_g", null, null, 10)).books())
        .extracting(Book::isbn)
        .containsExactly(C);
    assertThat(repository.list(new BookQuery("_", null, null, 10)).books()).hasSize(1);
  }

  @Test
  void list_with_a_nul_in_a_filter_matches_nothing_instead_of_failing() {
    service.create(A, new BookDraft("Node Basics", "Ann", null), null);

    assertThat(repository.list(new BookQuery("Node\u0000", null, null, 10)).books()).isEmpty();
    assertThat(repository.list(new BookQuery(null, "Ann\u0000", null, 10)).books()).isEmpty();
  }

  @Test
  void list_filters_author_exactly_ignoring_case() {
    service.create(A, new BookDraft("One", "Ann Lee", null), null);
    service.create(B, new BookDraft("Two", "Ann", null), null);

    assertThat(repository.list(new BookQuery(null, "ann", null, 10)).books())
        .extracting(Book::isbn)
        .containsExactly(B);
  }

  @Test
  void ping_succeeds_on_a_live_database() throws Exception {
    repository.ping();
  }
}

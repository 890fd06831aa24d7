package org.bookshelf.books.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.bookshelf.books.db.Migrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What BookRepository promises, run against each database (H2 and PostgreSQL subclasses). Each
 * test starts from an empty, migrated schema without the sample books.
 */
public abstract class BookRepositoryContract {

  private static final Isbn A = Isbn.parse("9780306406157").orElseThrow();
  private static final Isbn B = Isbn.parse("9781788395540").orElseThrow();
  private static final Isbn C = Isbn.parse("9781788620215").orElseThrow();
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

  protected BookRepository repository;
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
  }

  @Test
  void insert_then_find_round_trips_every_field() {
    repository.insert(A, new BookDraft("Title", "Author", 1999), T0);

    Book book = repository.find(A).orElseThrow();
    assertThat(book)
        .isEqualTo(new Book(A, "Title", "Author", 1999, 1, T0, T0));
  }

  @Test
  void unknown_year_is_stored_as_null() {
    repository.insert(A, new BookDraft("T", "A", null), T0);
    assertThat(repository.find(A).orElseThrow().publicationYear()).isNull();
  }

  @Test
  void find_unknown_is_empty() {
    assertThat(repository.find(A)).isEmpty();
  }

  @Test
  void duplicate_insert_is_rejected() {
    repository.insert(A, new BookDraft("T", "A", null), T0);
    assertThatThrownBy(() -> repository.insert(A, new BookDraft("U", "B", null), T0))
        .isInstanceOf(DuplicateBookException.class);
  }

  @Test
  void update_with_current_version_replaces_and_increments_version() {
    repository.insert(A, new BookDraft("T", "A", 2000), T0);
    Instant later = T0.plus(1, ChronoUnit.HOURS);

    Book updated = repository.update(A, 1L, new BookDraft("T2", "A2", null), later);

    assertThat(updated).isEqualTo(new Book(A, "T2", "A2", null, 2, T0, later));
  }

  @Test
  void update_with_stale_version_fails_and_changes_nothing() {
    repository.insert(A, new BookDraft("T", "A", null), T0);
    assertThatThrownBy(() -> repository.update(A, 5L, new BookDraft("X", "Y", null), T0))
        .isInstanceOf(StaleVersionException.class);
    assertThat(repository.find(A).orElseThrow().title()).isEqualTo("T");
  }

  @Test
  void update_with_any_version_and_of_unknown_book() {
    repository.insert(A, new BookDraft("T", "A", null), T0);
    assertThat(repository.update(A, null, new BookDraft("X", "Y", null), T0).version()).isEqualTo(2);
    assertThatThrownBy(() -> repository.update(B, 1L, new BookDraft("X", "Y", null), T0))
        .isInstanceOf(BookNotFoundException.class);
  }

  @Test
  void losing_writes_need_no_second_connection() {
    // A pool of one with the shortest wait: an operation that asked for a second connection while
    // holding its first would time out. Under load that is pool starvation: many losing writers
    // each hold one connection and wait for another, and the API answers 503 instead of 412.
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    try (HikariDataSource onePooledConnection = new HikariDataSource(config)) {
      BookRepository oneConnection = new BookRepository(onePooledConnection);
      oneConnection.insert(A, new BookDraft("T", "A", null), T0);

      assertThat(oneConnection.update(A, 1L, new BookDraft("T2", "A", null), T0).version())
          .isEqualTo(2);
      assertThatThrownBy(() -> oneConnection.update(A, 1L, new BookDraft("X", "Y", null), T0))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> oneConnection.delete(A, 1L))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> oneConnection.update(B, 1L, new BookDraft("X", "Y", null), T0))
          .isInstanceOf(BookNotFoundException.class);
    }
  }

  @Test
  void delete_checks_the_version() {
    repository.insert(A, new BookDraft("T", "A", null), T0);
    assertThatThrownBy(() -> repository.delete(A, 2L)).isInstanceOf(StaleVersionException.class);
    repository.delete(A, 1L);
    assertThat(repository.find(A)).isEmpty();
    assertThatThrownBy(() -> repository.delete(A, null)).isInstanceOf(BookNotFoundException.class);
  }

  @Test
  void list_pages_in_isbn_order() {
    repository.insert(C, new BookDraft("Gamma", "Zed", null), T0);
    repository.insert(A, new BookDraft("Alpha", "Ann", null), T0);
    repository.insert(B, new BookDraft("Beta", "Bob", null), T0);

    BookPage first = repository.list(new BookQuery(null, null, null, 2));
    assertThat(first.books()).extracting(Book::isbn).containsExactly(A, B);
    assertThat(first.hasMore()).isTrue();
    BookPage second = repository.list(new BookQuery(null, null, B, 2));
    assertThat(second.books()).extracting(Book::isbn).containsExactly(C);
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void list_filters_text_on_title_or_author_case_insensitively_and_literally() {
    repository.insert(A, new BookDraft("Node Basics", "Ann", null), T0);
    repository.insert(B, new BookDraft("Go", "Jo Nodes", null), T0);
    repository.insert(C, new BookDraft("100% Java_Guide", "Zed", null), T0);

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
    repository.insert(A, new BookDraft("Node Basics", "Ann", null), T0);

    assertThat(repository.list(new BookQuery("Node\u0000", null, null, 10)).books()).isEmpty();
    assertThat(repository.list(new BookQuery(null, "Ann\u0000", null, 10)).books()).isEmpty();
  }

  @Test
  void list_filters_author_exactly_ignoring_case() {
    repository.insert(A, new BookDraft("One", "Ann Lee", null), T0);
    repository.insert(B, new BookDraft("Two", "Ann", null), T0);

    assertThat(repository.list(new BookQuery(null, "ann", null, 10)).books())
        .extracting(Book::isbn)
        .containsExactly(B);
  }

  @Test
  void ping_succeeds_on_a_live_database() throws Exception {
    repository.ping();
  }
}

package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On H2, a request whose query runs over DB_STATEMENT_TIMEOUT_MS is cancelled and answered 503:
 * a search that matches nothing must read every title and author (H2 has no index for it), made
 * slow for real with 50 000 books and a 10 ms bound; a lookup by ISBN on the same table stays
 * well inside it.
 */
class H2StatementTimeoutTest {

  private static final int BOOKS = 50_000;
  private static BooksTestApp api;

  @BeforeAll
  static void start() throws Exception {
    api = BooksTestApp.inMemory(Map.of("DB_STATEMENT_TIMEOUT_MS", "10", "SEED_SAMPLE_DATA", "false"));
    // Loading takes seconds: on a connection of its own, outside the pool's bound.
    JdbcDataSource unbounded = new JdbcDataSource();
    unbounded.setURL(api.config.dbUrl());
    unbounded.setUser(api.config.dbUser());
    GeneratedBooks.insert(unbounded, BOOKS);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void a_search_over_the_statement_timeout_answers_503_with_retry_after() throws Exception {
    HttpResponse<String> response = api.get("/books?q=" + GeneratedBooks.MISSING_WORD);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(response.body())
        .contains("\"type\":\"https://bookshelf.example/problems/service-unavailable\"")
        .contains("more database time")
        .doesNotContain("Exception");
    assertThat(BooksTestApp.validate(response).getMessages()).isEmpty();
  }

  @Test
  void a_lookup_by_isbn_on_the_same_table_stays_inside_the_bound() throws Exception {
    HttpResponse<String> response = api.get("/books/" + GeneratedBooks.isbn(BOOKS / 2));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains(GeneratedBooks.author(BOOKS / 2));
  }
}

package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 file database keeps writes across a stop and a start on the same DATA_DIR. */
class DurabilityTest {

  @TempDir Path dataDir;

  private Map<String, String> env() {
    return Map.of("DATA_DIR", dataDir.toString(), "SHUTDOWN_TIMEOUT_SECONDS", "0");
  }

  @Test
  void books_written_before_a_restart_are_read_back_after_it() throws Exception {
    String created;
    try (BooksTestApp first = new BooksTestApp(env())) {
      HttpResponse<String> response =
          first.post("/books", "{\"isbn\":\"0306406152\",\"title\":\"Kept\",\"author\":\"A\"}");
      assertThat(response.statusCode()).isEqualTo(201);
      created = response.body();
      assertThat(first.delete("/books/9781788620215", "\"1\"").statusCode()).isEqualTo(204);
    }

    try (BooksTestApp second = new BooksTestApp(env())) {
      HttpResponse<String> response = second.get("/books/9780306406157");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(created);
      // A deleted sample book stays deleted: seeding happens on the first start only.
      assertThat(second.get("/books/9781788620215").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void every_acknowledged_write_survives_a_crash_of_the_database_process() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (BooksTestApp first = new BooksTestApp(env())) {
      for (int i = 0; i < 20; i++) {
        String isbn = isbn13("979000000" + (100 + i));
        String body = "{\"isbn\":\"" + isbn + "\",\"title\":\"Crash " + i + "\",\"author\":\"A\"}";
        assertThat(first.post("/books", body).statusCode()).isEqualTo(201);
        acknowledged.add(isbn);
      }
      // What a kill -9 or an OOM kill leaves: H2 stops without writing anything it still holds.
      try (Connection connection = first.dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN IMMEDIATELY");
      } catch (SQLException closedUnderUs) {
        // The database goes away while answering; that is the point.
      }
    }

    try (BooksTestApp second = new BooksTestApp(env())) {
      for (String isbn : acknowledged) {
        assertThat(second.get("/books/" + isbn).statusCode()).as("book %s after the crash", isbn).isEqualTo(200);
      }
    }
  }

  private static String isbn13(String first12) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return first12 + (10 - sum % 10) % 10;
  }
}

package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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
}

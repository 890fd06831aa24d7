package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running service (an H2 server over TCP, then stopped): the API
 * answers 503 problem+json with Retry-After, readiness fails, liveness stays up.
 */
class DatabaseDownTest {

  @Test
  void requests_get_503_and_ready_fails_when_the_database_is_down() throws Exception {
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    String url =
        "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (BooksTestApp api =
        new BooksTestApp(
            Map.of("DB_URL", url, "DB_CONNECTION_TIMEOUT_SECONDS", "1", "SHUTDOWN_TIMEOUT_SECONDS", "0"))) {
      assertThat(api.get("/books").statusCode()).isEqualTo(200);

      server.stop();
      api.dataSource.getHikariPoolMXBean().softEvictConnections();

      HttpResponse<String> books = api.get("/books");
      assertThat(books.statusCode()).as(books.body()).isEqualTo(503);
      assertThat(books.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(books.headers().firstValue("Retry-After")).contains("5");
      assertThat(books.body())
          .contains("\"type\":\"https://bookshelf.example/problems/service-unavailable\"")
          .doesNotContain("Exception");
      assertThat(BooksTestApp.validate(books).getMessages()).isEmpty();

      assertThat(api.get("/health/ready").statusCode()).isEqualTo(503);
      assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }
}

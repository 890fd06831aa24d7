package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.bookshelf.books.BooksTestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback maintenance port on the H2 file database: backup, refusals, restore. */
class MaintenanceServerTest {

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void backup_restores_over_later_writes_and_refuses_what_it_must() throws Exception {
    int port = freePort();
    Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "SHUTDOWN_TIMEOUT_SECONDS", "0",
        "MAINTENANCE_PORT", String.valueOf(port), "SEED_SAMPLE_DATA", "false");
    String created;
    try (BooksTestApp app = new BooksTestApp(env);
        MaintenanceServer maintenance = MaintenanceServer.start(app.config, app.dataSource)) {
      created = app.post("/books", "{\"isbn\":\"0306406152\",\"title\":\"Kept\",\"author\":\"A\"}").body();

      HttpResponse<String> schema = call(port, "GET", "/schema");
      HttpResponse<String> backup = call(port, "POST", "/backup?name=b1");
      app.post("/books", "{\"isbn\":\"9781788620215\",\"title\":\"After\",\"author\":\"B\"}");
      HttpResponse<String> checked = call(port, "POST", "/check?name=b1&replace=true");
      HttpResponse<String> afterCheck = app.get("/books/9781788620215");
      HttpResponse<String> withoutReplace = call(port, "POST", "/restore?name=b1&replace=false");
      HttpResponse<String> restored = call(port, "POST", "/restore?name=b1&replace=true");

      assertThat(schema.body()).startsWith("store=h2\ncurrent=").contains("latest=");
      assertThat(backup.statusCode()).as(backup.body()).isEqualTo(200);
      assertThat(backup.body()).contains("books=1\n").contains("schema_version=").contains("signed=false");
      assertThat(checked.body()).as(checked.body()).startsWith("checked=1\n");
      assertThat(afterCheck.statusCode()).as("a check writes nothing").isEqualTo(200);
      assertThat(withoutReplace.statusCode()).isEqualTo(409);
      assertThat(withoutReplace.body()).contains("--replace");
      assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
      assertThat(restored.body()).contains("restored=1\n").contains("warning=no BACKUP_SIGNING_KEY_FILE");
      assertThat(app.get("/books/9780306406157").body()).isEqualTo(created);
      assertThat(app.get("/books/9781788620215").statusCode()).as("written after the backup").isEqualTo(404);
      assertThat(call(port, "DELETE", "/backup?name=b1").statusCode()).isEqualTo(200);
      assertThat(dataDir.resolve("b1.books.ndjson")).doesNotExist();
      assertThat(call(port, "POST", "/backup?name=../books").statusCode()).isEqualTo(400);
    }
  }

  private HttpResponse<String> call(int port, String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

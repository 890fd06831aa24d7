package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bookshelf.service.IdentityHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * createdBy/updatedBy come from the caller the gateway names in {@link IdentityHeaders#NAME},
 * never from the body; books written without a caller have neither. Responses match the OpenAPI
 * document (the web app's types are generated from it).
 */
class AuthorshipTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOOK = "/books/9780306406157";
  private static final String NEW_BOOK =
      "{\"isbn\":\"0-306-40615-2\",\"title\":\"A Study\",\"author\":\"Ann\",\"createdBy\":\"mallory\",\"updatedBy\":\"mallory\"}";

  private BooksTestApp api;

  @BeforeEach
  void start() {
    api = BooksTestApp.inMemory();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String caller) throws Exception {
    HttpRequest.Builder request =
        api.request(path).header("Content-Type", "application/json").header("If-Match", "*")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (caller != null) {
      request.header(IdentityHeaders.NAME, caller);
    }
    HttpResponse<String> response = api.send(request.build());
    assertThat(BooksTestApp.validate(response).getMessages()).as("OpenAPI validation: %s", response.body()).isEmpty();
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void the_caller_who_adds_a_book_is_its_creator_and_last_editor() throws Exception {
    var created = send("POST", "/books", NEW_BOOK, "editor");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("createdBy").asText()).isEqualTo("editor");
    assertThat(json(created).get("updatedBy").asText()).isEqualTo("editor");
    assertThat(json(api.get(BOOK)).get("createdBy").asText()).isEqualTo("editor");
  }

  @Test
  void a_change_records_its_caller_as_last_editor_and_keeps_the_creator() throws Exception {
    send("POST", "/books", NEW_BOOK, "editor");

    var replaced = send("PUT", BOOK, "{\"title\":\"B\",\"author\":\"C\",\"updatedBy\":\"mallory\"}", "local");

    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(json(replaced).get("createdBy").asText()).isEqualTo("editor");
    assertThat(json(replaced).get("updatedBy").asText()).isEqualTo("local");
    assertThat(json(api.get(BOOK)).get("updatedBy").asText()).isEqualTo("local");
  }

  @Test
  void without_a_named_caller_neither_is_recorded_and_the_body_never_sets_them() throws Exception {
    var created = send("POST", "/books", NEW_BOOK, null);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).has("createdBy")).isFalse();
    assertThat(json(created).has("updatedBy")).isFalse();
    // The seeded books predate the columns: read back without them.
    assertThat(json(api.get("/books/9781788395540")).has("createdBy")).isFalse();
  }
}

package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The books API as clients see it: the real images, only through the gateway's mapped port. */
@RequiresDocker
@ExtendWith(SharedStack.class)
class GatewayApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = SystemStack.API_KEY;

  private final SystemStack stack;
  private GatewayClient api;

  GatewayApiIT(SystemStack stack) {
    this.stack = stack;
  }

  @BeforeEach
  void client() {
    api = stack.client();
  }

  @Test
  void get_books_lists_the_seeded_books_as_a_json_array() throws Exception {
    HttpResponse<String> response = api.get("/books");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode books = JSON.readTree(response.body());
    assertThat(books.isArray()).isTrue();
    assertThat(books.findValuesAsText("isbn")).contains("9781788395540", "9781788620215");
  }

  @Test
  void robots_txt_is_a_robots_file_not_the_apps_page() {
    HttpResponse<String> response = api.get("/robots.txt");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).contains("User-agent: *").doesNotContain("<html");
  }

  @Test
  void get_book_by_its_isbn_10_finds_the_seeded_book() throws Exception {
    HttpResponse<String> response = api.get("/books/1788395549");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Learning Node.js Development");
    assertThat(response.headers().firstValue("ETag")).isPresent();
  }

  @Test
  void writes_without_a_key_are_refused_by_the_gateway_with_problem_json() throws Exception {
    String isbn = Isbns.next();
    HttpResponse<String> post = api.post("/books", book(isbn, "No key"), null);
    HttpResponse<String> put = api.put("/books/1788395549", book("1788395549", "Hijacked"), null, "*");
    HttpResponse<String> delete = api.delete("/books/1788395549", null, "*");

    for (HttpResponse<String> response : List.of(post, put, delete)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
    assertThat(api.get("/books/" + isbn).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(api.get("/books/1788395549").body()).get("title").asText()).isEqualTo("Learning Node.js Development");
  }

  @Test
  void a_wrong_key_is_refused_as_an_invalid_token() {
    HttpResponse<String> response = api.post("/books", book(Isbns.next(), "Wrong key"), "not-a-valid-key-at-all");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
  }

  @Test
  void with_the_key_a_book_is_created_read_replaced_and_deleted() throws Exception {
    String isbn = Isbns.next();

    HttpResponse<String> created = api.post("/books", book(isbn, "Created through the gateway"), KEY);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/books/" + isbn);

    HttpResponse<String> read = api.get("/books/" + isbn);
    assertThat(read.statusCode()).isEqualTo(200);
    String etag = read.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> replaced = api.put("/books/" + isbn, book(isbn, "Replaced through the gateway"), KEY, etag);
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(api.get("/books/" + isbn).body()).get("title").asText()).isEqualTo("Replaced through the gateway");

    HttpResponse<String> stale = api.delete("/books/" + isbn, KEY, etag);
    assertThat(stale.statusCode()).as("the old ETag no longer matches").isEqualTo(412);
    String current = replaced.headers().firstValue("ETag").orElseThrow();
    assertThat(api.delete("/books/" + isbn, KEY, current).statusCode()).isEqualTo(204);
    assertThat(api.get("/books/" + isbn).statusCode()).isEqualTo(404);
  }

  @Test
  void a_book_written_with_the_key_names_the_keys_client_as_creator_and_last_editor() throws Exception {
    String isbn = Isbns.next();

    HttpResponse<String> created = api.post("/books", book(isbn, "Who wrote this"), KEY);

    assertThat(created.statusCode()).isEqualTo(201);
    // config/api-keys.map names the local key's client "local"; the gateway sends it as X-Auth-Name.
    assertThat(JSON.readTree(created.body()).get("createdBy").asText()).isEqualTo("local");
    assertThat(JSON.readTree(api.get("/books/" + isbn).body()).get("updatedBy").asText()).isEqualTo("local");
  }

  @Test
  void a_request_id_sent_by_the_client_comes_back_and_reaches_books_service() {
    String requestId = "systest-" + UUID.randomUUID();

    HttpResponse<String> response = api.send(api.request("/books/1788620216").header("X-Request-ID", requestId).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(stack.booksService(1).logs()).contains(requestId));
  }

  @Test
  void without_a_request_id_the_gateway_makes_one() {
    HttpResponse<String> response = api.get("/books");

    assertThat(response.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
  }

  @Test
  void paths_the_gateway_does_not_expose_get_a_json_error_from_the_gateway_itself() throws Exception {
    HttpResponse<String> metrics = api.get("/metrics");
    HttpResponse<String> patch = api.send(api.request("/books/1788395549")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(metrics.statusCode()).isEqualTo(404);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(metrics.body()).get("status").asInt()).isEqualTo(404);
    assertThat(patch.statusCode()).isEqualTo(405);
    assertThat(patch.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(patch.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void api_and_web_responses_carry_the_security_headers_and_hide_the_nginx_version() {
    for (HttpResponse<String> response : List.of(api.get("/books"), api.get("/"), api.get("/metrics"))) {
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
      assertThat(response.headers().firstValue("Server")).hasValue("nginx");
    }
  }

  @Test
  void the_root_path_serves_the_web_app_from_books_web() {
    HttpResponse<String> response = api.get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body()).contains("<div id=\"root\"");
  }

  static String book(String isbn, String title) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"" + title + "\",\"author\":\"System Test\",\"publicationYear\":2024}";
  }
}

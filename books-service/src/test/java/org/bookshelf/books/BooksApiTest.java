package org.bookshelf.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint, status, header and error over real HTTP, each response checked by OpenAPI. */
class BooksApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE_BOOK = "/books/9781788395540";
  private static final String NEW_BOOK =
      "{\"isbn\":\"0-306-40615-2\",\"title\":\"A Study\",\"author\":\"Ann Author\",\"publicationYear\":1999}";

  private BooksTestApp api;

  @BeforeEach
  void start() {
    api = BooksTestApp.inMemory();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  // --- reads -----------------------------------------------------------------------------

  @Test
  void list_returns_the_seeded_books_as_a_json_array() throws Exception {
    HttpResponse<String> response = checked(api.get("/books"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    JsonNode books = json(response);
    assertThat(books.isArray()).isTrue();
    assertThat(books).extracting(b -> b.get("isbn").asText())
        .containsExactly("9781788395540", "9781788620215");
    assertThat(books.get(0).get("title").asText()).isEqualTo("Learning Node.js Development");
    assertThat(response.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void list_pages_with_limit_and_a_relative_next_link() throws Exception {
    HttpResponse<String> first = checked(api.get("/books?limit=1"));

    assertThat(json(first)).hasSize(1);
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).isEqualTo("</books?limit=1&after=9781788395540>; rel=\"next\"");
    String next = link.substring(1, link.indexOf('>'));
    HttpResponse<String> second = checked(api.get(next));
    assertThat(json(second).get(0).get("isbn").asText()).isEqualTo("9781788620215");
    assertThat(second.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void list_filters_by_q_on_title_or_author_case_insensitively() throws Exception {
    assertThat(json(checked(api.get("/books?q=MICROSERVICES"))))
        .extracting(b -> b.get("isbn").asText())
        .containsExactly("9781788620215");
    assertThat(json(checked(api.get("/books?q=andrew%20mead")))).hasSize(1);
    assertThat(json(checked(api.get("/books?q=node")))).hasSize(2);
    assertThat(json(checked(api.get("/books?q=100%25")))).isEmpty();
  }

  @Test
  void list_filters_by_author_and_keeps_filters_in_the_next_link() throws Exception {
    api.post("/books", NEW_BOOK.replace("Ann Author", "Diogo Resende"));

    HttpResponse<String> response = checked(api.get("/books?author=diogo%20resende&limit=1"));
    assertThat(json(response)).hasSize(1);
    assertThat(response.headers().firstValue("Link").orElseThrow())
        .contains("author=diogo%20resende");
  }

  @Test
  void list_rejects_a_bad_limit_with_a_validation_problem() throws Exception {
    HttpResponse<String> response = checked(api.get("/books?limit=101"));
    assertProblem(response, 400, "validation");
    assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("limit");
    assertProblem(checked(api.get("/books?limit=abc")), 400, "validation");
  }

  @Test
  void get_by_isbn13_returns_the_book_with_etag() throws Exception {
    HttpResponse<String> response = checked(api.get(NODE_BOOK));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
    JsonNode book = json(response);
    assertThat(book.get("author").asText()).isEqualTo("Andrew Mead");
    assertThat(book.get("publicationYear").asInt()).isEqualTo(2018);
    assertThat(book.get("createdAt").asText()).endsWith("Z");
  }

  @Test
  void get_by_isbn10_with_hyphens_finds_the_same_book() throws Exception {
    HttpResponse<String> response = checked(api.get("/books/1-78839-554-9"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("isbn").asText()).isEqualTo("9781788395540");
  }

  @Test
  void get_unknown_book_returns_404_problem() throws Exception {
    assertProblem(checked(api.get("/books/9780306406157")), 404, "not-found");
  }

  @Test
  void get_with_invalid_isbn_returns_400_problem() throws Exception {
    HttpResponse<String> response = checked(api.get("/books/1788395548"));
    assertProblem(response, 400, "validation");
    assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("isbn");
  }

  // --- create ----------------------------------------------------------------------------

  @Test
  void post_creates_with_201_location_and_etag_and_stores_isbn13() throws Exception {
    HttpResponse<String> response = checked(api.post("/books", NEW_BOOK));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Location")).contains("/books/9780306406157");
    assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
    JsonNode book = json(response);
    assertThat(book.get("isbn").asText()).isEqualTo("9780306406157");
    assertThat(book.get("createdAt").asText()).isEqualTo(book.get("updatedAt").asText());
    assertThat(checked(api.get("/books/0306406152")).statusCode()).isEqualTo(200);
  }

  @Test
  void post_without_year_omits_it() throws Exception {
    HttpResponse<String> response =
        checked(api.post("/books", "{\"isbn\":\"9780306406157\",\"title\":\"T\",\"author\":\"A\"}"));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).has("publicationYear")).isFalse();
  }

  @Test
  void post_duplicate_isbn_returns_409_even_in_the_other_form() throws Exception {
    api.post("/books", NEW_BOOK);
    HttpResponse<String> response =
        checked(api.post("/books", NEW_BOOK.replace("0-306-40615-2", "978-0-306-40615-7")));
    assertProblem(response, 409, "conflict");
  }

  @Test
  void post_malformed_json_returns_400_malformed_json() throws Exception {
    assertProblem(checked(api.post("/books", "{\"title\": ")), 400, "malformed-json");
    assertProblem(checked(api.post("/books", "{} {}")), 400, "malformed-json");
    assertProblem(checked(api.post("/books", "{\"title\":\"a\",\"title\":\"b\"}")), 400, "malformed-json");
  }

  @Test
  void post_with_json_nested_deeper_than_1000_levels_returns_400_malformed_json() throws Exception {
    String array = "[".repeat(5_000) + "]".repeat(5_000);
    String inField =
        "{\"isbn\":\"0-306-40615-2\",\"title\":" + "{\"a\":".repeat(1_001) + "1"
            + "}".repeat(1_001) + ",\"author\":\"x\"}";
    HttpResponse<String> response = checked(api.post("/books", array));
    assertProblem(response, 400, "malformed-json");
    assertThat(json(response).get("detail").asText()).contains("nesting deeper than 1000");
    assertProblem(checked(api.post("/books", inField)), 400, "malformed-json");
  }

  @Test
  void post_with_wrong_types_lists_each_field() throws Exception {
    HttpResponse<String> response =
        checked(
            api.post(
                "/books",
                "{\"isbn\":9780306406157,\"title\":[],\"author\":\"A\",\"publicationYear\":\"1999\"}"));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response))
        .containsEntry("isbn", "must be a string")
        .containsEntry("title", "must be a string")
        .containsEntry("publicationYear", "must be an integer");
  }

  @Test
  void post_with_missing_fields_lists_them() throws Exception {
    HttpResponse<String> response = checked(api.post("/books", "{}"));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response))
        .containsEntry("isbn", "is required")
        .containsEntry("title", "is required")
        .containsEntry("author", "is required");
  }

  @Test
  void post_with_unknown_field_is_rejected() throws Exception {
    HttpResponse<String> response =
        checked(api.post("/books", NEW_BOOK.replace("{", "{\"price\":3,")));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response)).containsEntry("price", "is not a known field");
  }

  @Test
  void post_with_over_long_and_blank_strings_is_rejected() throws Exception {
    String body =
        NEW_BOOK.replace("A Study", "x".repeat(201)).replace("Ann Author", "   ");
    HttpResponse<String> response = checked(api.post("/books", body));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response))
        .containsEntry("title", "must be at most 200 characters")
        .containsEntry("author", "must not be blank");
  }

  @Test
  void post_with_nul_in_title_or_author_is_rejected_as_validation() throws Exception {
    String body = NEW_BOOK.replace("A Study", "A\\u0000Study").replace("Ann Author", "Ann\\u0000");
    HttpResponse<String> response = checked(api.post("/books", body));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response))
        .containsEntry("title", "must not contain the NUL character (U+0000)")
        .containsEntry("author", "must not contain the NUL character (U+0000)");
    assertProblem(checked(api.get("/books/0306406152")), 404, "not-found");
  }

  @Test
  void post_or_put_with_an_unpaired_surrogate_is_rejected_not_stored_as_a_question_mark()
      throws Exception {
    String lone = NEW_BOOK.replace("A Study", "A Study \\ud800").replace("Ann Author", "\\udc00Ann");
    HttpResponse<String> response = checked(api.post("/books", lone));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response))
        .containsEntry("title", "must not contain an unpaired surrogate (U+D800 to U+DFFF)")
        .containsEntry("author", "must not contain an unpaired surrogate (U+D800 to U+DFFF)");

    HttpResponse<String> put =
        checked(api.put(NODE_BOOK, "*", "{\"title\":\"x\\ud83d\",\"author\":\"y\"}"));
    assertProblem(put, 400, "validation");
    assertThat(json(checked(api.get(NODE_BOOK))).get("title").asText())
        .isEqualTo("Learning Node.js Development");
  }

  @Test
  void post_keeps_a_paired_surrogate_and_other_control_characters_as_sent() throws Exception {
    String body = NEW_BOOK.replace("A Study", "Books \\ud83d\\udcda\\u0007\\r\\nX");
    assertThat(checked(api.post("/books", body)).statusCode()).isEqualTo(201);
    assertThat(json(checked(api.get("/books/0306406152"))).get("title").asText())
        .isEqualTo("Books \ud83d\udcda\u0007\r\nX");
  }

  @Test
  void list_with_a_nul_in_q_returns_an_empty_page() throws Exception {
    assertThat(json(checked(api.get("/books?q=node%00")))).isEmpty();
  }

  @Test
  void post_with_invalid_isbn_check_digit_is_rejected() throws Exception {
    HttpResponse<String> response =
        checked(api.post("/books", NEW_BOOK.replace("0-306-40615-2", "0-306-40615-3")));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response)).containsKey("isbn");
  }

  @Test
  void post_with_a_non_object_body_is_rejected() throws Exception {
    assertProblem(checked(api.post("/books", "[1,2]")), 400, "validation");
  }

  @Test
  void post_with_wrong_content_type_returns_415() throws Exception {
    HttpResponse<String> response =
        checked(
            api.send(
                api.request("/books")
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(NEW_BOOK))
                    .build()));
    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void post_over_one_megabyte_returns_413() throws Exception {
    String big = NEW_BOOK.replace("A Study", "x".repeat(1024 * 1024));
    assertProblem(checked(api.post("/books", big)), 413, "payload-too-large");
  }

  // --- replace and delete ----------------------------------------------------------------

  @Test
  void put_with_current_etag_replaces_and_bumps_the_etag() throws Exception {
    String body = "{\"title\":\"Learning Node.js, 2nd\",\"author\":\"Andrew Mead\"}";
    HttpResponse<String> response = checked(api.put(NODE_BOOK, "\"1\"", body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"2\"");
    JsonNode book = json(response);
    assertThat(book.get("title").asText()).isEqualTo("Learning Node.js, 2nd");
    assertThat(book.has("publicationYear")).as("full replace clears the year").isFalse();
    assertThat(book.get("updatedAt").asText()).isNotEqualTo(book.get("createdAt").asText());
  }

  @Test
  void put_accepts_a_fetched_book_sent_back_with_read_only_fields() throws Exception {
    String fetched = api.get("/books/1788395549").body();
    HttpResponse<String> response = checked(api.put("/books/1788395549", "\"1\"", fetched));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void put_with_stale_etag_returns_412() throws Exception {
    String body = "{\"title\":\"T\",\"author\":\"A\"}";
    api.put(NODE_BOOK, "\"1\"", body);
    assertProblem(checked(api.put(NODE_BOOK, "\"1\"", body)), 412, "precondition-failed");
  }

  @Test
  void put_without_if_match_returns_428() throws Exception {
    assertProblem(
        checked(api.put(NODE_BOOK, null, "{\"title\":\"T\",\"author\":\"A\"}")),
        428,
        "precondition-required");
  }

  @Test
  void put_with_weak_etag_returns_412() throws Exception {
    assertProblem(
        checked(api.put(NODE_BOOK, "W/\"1\"", "{\"title\":\"T\",\"author\":\"A\"}")),
        412,
        "precondition-failed");
  }

  @Test
  void put_with_star_replaces_any_version() throws Exception {
    assertThat(checked(api.put(NODE_BOOK, "*", "{\"title\":\"T\",\"author\":\"A\"}")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void put_with_another_isbn_in_the_body_is_rejected() throws Exception {
    HttpResponse<String> response =
        checked(
            api.put(
                NODE_BOOK, "\"1\"", "{\"isbn\":\"9781788620215\",\"title\":\"T\",\"author\":\"A\"}"));
    assertProblem(response, 400, "validation");
    assertThat(fieldErrors(response)).containsKey("isbn");
  }

  @Test
  void put_unknown_book_returns_404() throws Exception {
    assertProblem(
        checked(api.put("/books/9780306406157", "\"1\"", "{\"title\":\"T\",\"author\":\"A\"}")),
        404,
        "not-found");
  }

  @Test
  void delete_with_current_etag_returns_204_and_the_book_is_gone() throws Exception {
    HttpResponse<String> response = checked(api.delete("/books/1788395549", "\"1\""));
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(api.get(NODE_BOOK).statusCode()).isEqualTo(404);
  }

  @Test
  void delete_with_stale_etag_returns_412_and_keeps_the_book() throws Exception {
    assertProblem(checked(api.delete(NODE_BOOK, "\"7\"")), 412, "precondition-failed");
    assertThat(api.get(NODE_BOOK).statusCode()).isEqualTo(200);
  }

  @Test
  void delete_without_if_match_returns_428() throws Exception {
    assertProblem(checked(api.delete(NODE_BOOK, null)), 428, "precondition-required");
  }

  // --- plumbing --------------------------------------------------------------------------

  @Test
  void unknown_route_returns_404_problem_not_html() throws Exception {
    HttpResponse<String> response =
        api.send(api.request("/nothing/here").header("Accept", "text/html").build());
    assertProblem(response, 404, "not-found");
  }

  @Test
  void wrong_method_returns_405_problem() throws Exception {
    HttpResponse<String> response =
        api.send(api.request("/books").method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    assertProblem(response, 405, "method-not-allowed");
  }

  @Test
  void request_id_is_echoed_and_generated() throws Exception {
    HttpResponse<String> echoed =
        api.send(api.request("/books").header("X-Request-ID", "gw-123").build());
    assertThat(echoed.headers().firstValue("X-Request-ID")).contains("gw-123");
    assertThat(api.get("/books/0").headers().firstValue("X-Request-ID")).isPresent();
  }

  @Test
  void health_and_openapi_and_metrics_answer() throws Exception {
    // Not operations of the public API, so not in the document the other tests check against.
    assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> openapi = api.get("/openapi.json");
    assertThat(json(openapi).get("openapi").asText()).isEqualTo("3.1.0");
    api.get("/books");
    String metrics = api.get("/metrics").body();
    assertThat(metrics).contains("hikaricp_connections", "jvm_memory_used_bytes");
  }

  @Test
  void seeding_can_be_turned_off() throws Exception {
    try (BooksTestApp empty = BooksTestApp.inMemory(Map.of("SEED_SAMPLE_DATA", "false"))) {
      assertThat(json(checked(empty.get("/books")))).isEmpty();
    }
  }

  // --- helpers ---------------------------------------------------------------------------

  /** Fails the test when the response does not match the OpenAPI document. */
  private static HttpResponse<String> checked(HttpResponse<String> response) {
    assertThat(BooksTestApp.validate(response).getMessages())
        .as("OpenAPI validation of %s %s -> %d: %s", response.request().method(),
            response.request().uri().getPath(), response.statusCode(), response.body())
        .isEmpty();
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static Map<String, String> fieldErrors(HttpResponse<String> response) throws Exception {
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    json(response).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
    return errors;
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo("https://bookshelf.example/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText())
        .isEqualTo(
            java.util.Arrays.stream(org.bookshelf.service.ProblemType.values())
                .filter(t -> t.uri().equals(problem.get("type").asText()))
                .findFirst()
                .orElseThrow()
                .title());
    assertThat(problem.get("requestId").asText())
        .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(problem.get("instance").asText()).isEqualTo(response.request().uri().getPath());
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "<html");
  }
}

package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookshelf.testsupport.Directories;
import org.bookshelf.testsupport.gateway.GatewayFiles;
import org.bookshelf.testsupport.gateway.Http;
import org.bookshelf.testsupport.gateway.NginxGateway;
import org.bookshelf.testsupport.gateway.RawHttp;
import org.bookshelf.testsupport.gateway.RecordedRequest;
import org.bookshelf.testsupport.gateway.TestGateway;
import org.bookshelf.testsupport.gateway.Upstream;
import org.bookshelf.testsupport.gateway.UpstreamResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/adding-a-service.md, step 3, done for real: a copy of the gateway's files gets the
 * declaration that page shows for {@code /authors} (read from the page, not restated here), and
 * the real renderer and the real nginx put an in-process authors-service behind it. Nothing else
 * of the gateway is edited, so whatever the new API needs must come from its declaration.
 */
class AddingAServiceTest {

  private static final Path GUIDE = GatewayFiles.locate().moduleDir().resolve("../docs/adding-a-service.md").normalize();
  private static final Pattern DECLARATION =
      Pattern.compile("<!-- declaration: ([a-z_]+\\.api) -->\\s*```\\n(.*?)```", Pattern.DOTALL);

  private static Path copy;
  private static Path metricsLog;
  private static Upstream books;
  private static Upstream web;
  private static Upstream authors;
  private static NginxGateway gateway;
  private static Http http;

  @BeforeAll
  static void addTheGuidesServiceToACopyOfTheGateway() throws IOException {
    copy = Files.createTempDirectory("bookshelf-gateway-copy-");
    GatewayFiles files = GatewayFiles.locate().copyTo(copy);
    Matcher declaration = DECLARATION.matcher(Files.readString(GUIDE));
    assertThat(declaration.find()).as("%s shows a route declaration", GUIDE).isTrue();
    Files.writeString(files.configSource().resolve("apis").resolve(declaration.group(1)), declaration.group(2).stripIndent());

    books = Upstream.start("books-service");
    web = Upstream.start("books-web");
    authors = Upstream.start("authors-service").respond(AddingAServiceTest::authorsAnswer);
    metricsLog = copy.resolve("metrics.log");
    gateway =
        TestGateway.start(
            files,
            Map.of(
                "BOOKS_SERVICE_UPSTREAM", books.address(),
                "BOOKS_WEB_UPSTREAM", web.address(),
                "AUTHORS_SERVICE_UPSTREAM", authors.address(),
                "GATEWAY_METRICS_LOG", metricsLog.toString()));
    http = new Http(gateway);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {gateway, books, web, authors}) {
      if (part != null) {
        part.close();
      }
    }
    Directories.deleteTree(copy);
  }

  @BeforeEach
  void clearRequests() {
    books.reset();
    web.reset();
    authors.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/authors", "/authors/42", "/authors/42/books?limit=2"})
  void the_collection_and_its_items_go_to_the_new_service_unchanged(String path) {
    var response = http.get(path);

    assertThat(response.body()).contains("authors-service");
    assertThat(authors.lastRequest().rawTarget()).isEqualTo(path);
    assertThat(books.requests()).isEmpty();
    assertThat(web.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/authorsX", "/authors.json", "/author"})
  void a_path_that_only_starts_like_it_stays_with_the_web_app(String path) {
    assertThat(http.get(path).body()).contains("books-web");
    assertThat(authors.requests()).isEmpty();
  }

  @Test
  void a_write_without_a_credential_is_refused_before_the_service() {
    var response = http.send("POST", "/authors", "{\"name\":\"Ursula K. Le Guin\"}", "Content-Type", "application/json");

    Problems.assertProblem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"bookshelf\"");
    assertThat(authors.requests()).isEmpty();
  }

  @Test
  void a_write_with_a_key_reaches_the_service_as_its_client() {
    var response =
        http.send("POST", "/authors", "{}", "Content-Type", "application/json", "Authorization", "Bearer " + Http.LOCAL_KEY);

    assertThat(response.statusCode()).isEqualTo(201);
    RecordedRequest received = authors.lastRequest();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.header("X-Auth-Name")).hasValue("local");
    assertThat(received.header("Authorization")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"PATCH | /authors | GET, HEAD, POST", "PUT | /authors | GET, HEAD, POST", "PATCH | /authors/42 | GET, HEAD, PUT, DELETE", "POST | /authors/42 | GET, HEAD, PUT, DELETE"})
  void a_method_it_does_not_declare_is_405_with_the_declared_allow(String method, String path, String allow) {
    var response = http.send(method, path, "{}", "Authorization", "Bearer " + Http.LOCAL_KEY);

    Problems.assertProblem(response, 405);
    assertThat(response.headers().firstValue("Allow")).hasValue(allow);
    assertThat(authors.requests()).isEmpty();
  }

  @Test
  void an_oversize_body_is_the_gateways_problem_json() {
    var response =
        http.send("PUT", "/authors/42", "x".repeat(1_100_000), "Authorization", "Bearer " + Http.LOCAL_KEY);

    Problems.assertProblem(response, 413);
    assertThat(authors.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/health/ready", "/authors/../metrics"})
  void the_services_operational_endpoints_are_not_public(String path) {
    int status = RawHttp.request(gateway.port(), "GET", path).status();

    assertThat(status).isIn(400, 404);
    assertThat(authors.requests()).isEmpty();
  }

  @Test
  void its_requests_are_counted_under_its_own_route_labels() {
    http.get("/authors/7");
    http.send("DELETE", "/authors/7", "", "Authorization", "Bearer " + Http.LOCAL_KEY, "If-Match", "\"1\"");
    http.send("DELETE", "/authors/8", "");

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(metricsLines()).contains("authors_read GET 200", "authors_write DELETE 204", "authors_write DELETE 401"));
  }

  /** What a small authors API would answer: 201 to a POST, 204 to a DELETE, else 200. */
  private static UpstreamResponse authorsAnswer(RecordedRequest request) {
    int status = switch (request.method()) {
      case "POST" -> 201;
      case "DELETE" -> 204;
      default -> 200;
    };
    return UpstreamResponse.json(status, "{\"upstream\":\"authors-service\"}");
  }

  private static List<String> metricsLines() throws IOException {
    if (!Files.exists(metricsLog)) {
      return List.of();
    }
    // "<route> <method> <status> <seconds>": the seconds vary, the rest is what is counted.
    return Files.readAllLines(metricsLog).stream().map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
  }


}

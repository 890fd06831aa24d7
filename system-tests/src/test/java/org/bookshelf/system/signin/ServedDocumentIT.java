package org.bookshelf.system.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresChromium;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.ui.BookshelfPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document the gateway serves describes the API as clients meet it: a fixed replay of
 * reads, writes and every kind of refusal, each request and response checked against the served
 * document. Some refusals' requests are invalid by design; the document must say why (the errors
 * each expects), and every response must match it. Then the API reference page renders that document
 * under the app's CSP.
 */
@RequiresDocker
@RequiresChromium
@ExtendWith(SharedStack.class)
class ServedDocumentIT {

  private static final String IF_MATCH_MISSING = "validation.request.parameter.header.missing";
  private static final String TOO_LONG = "validation.request.body.schema.maxLength";
  private static final String SEEDED = "/books/1788395549";

  private static SystemStack stack;
  private static GatewayClient api;
  private static Browser browser;

  @BeforeAll
  static void start(SystemStack shared) {
    stack = shared;
    api = shared.client();
    browser = new Browser(shared);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  /** One request of the replay, what it should get, and what the document should find wrong with it. */
  private record Exchange(String name, HttpRequest.Builder request, String body, int status, Set<String> requestErrors) {}

  private final List<String> mismatches = new ArrayList<>();

  @Test
  void every_replayed_request_and_response_matches_the_served_document() throws Exception {
    ServedDocument document = ServedDocument.fetch(api);
    String token = Tokens.clientCredentials(stack);
    String readerToken = readerToken();
    String viaToken = Isbns.next();
    String viaKey = Isbns.next();

    replay(document, new Exchange("list", api.request("/books?limit=1").GET(), null, 200, Set.of()));
    HttpResponse<String> seeded = replay(document, new Exchange("read", api.request(SEEDED).GET(), null, 200, Set.of()));
    HttpResponse<String> created = replay(document, write("create with a token", "POST", "/books", token, null, book(viaToken), 201, Set.of()));
    HttpResponse<String> createdByKey = replay(document, write("create with the API key", "POST", "/books", SystemStack.API_KEY, null, book(viaKey), 201, Set.of()));
    String etag = created.headers().firstValue("ETag").orElseThrow();
    replay(document, write("replace with a token", "PUT", "/books/" + viaToken, token, etag, book(viaToken), 200, Set.of()));
    replay(document, write("delete with the API key", "DELETE", "/books/" + viaKey, SystemStack.API_KEY,
        createdByKey.headers().firstValue("ETag").orElseThrow(), null, 204, Set.of()));

    replay(document, write("no credential", "POST", "/books", null, null, book(Isbns.next()), 401, Set.of()));
    assertThat(document.credentialsFor("createBook")).as("what a create needs").containsExactly("openIdConnect", "apiKey");
    replay(document, write("a reader's token", "POST", "/books", readerToken, null, book(Isbns.next()), 403, Set.of()));
    replay(document, new Exchange("bad ISBN", api.request("/books/1788395548").GET(), null, 400, Set.of()));
    replay(document, write("stale ETag", "PUT", "/books/" + viaToken, token, etag, book(viaToken), 412, Set.of()));
    replay(document, write("missing If-Match", "PUT", "/books/" + viaToken, token, null, book(viaToken), 428, Set.of(IF_MATCH_MISSING)));
    String oversize = "{\"isbn\":\"" + Isbns.next() + "\",\"title\":\"" + "x".repeat(1_100_000) + "\",\"author\":\"A\"}";
    replay(document, write("oversize body", "POST", "/books", SystemStack.API_KEY, null, oversize, 413, Set.of(TOO_LONG)));
    replay(document, rateLimited());
    awaitTheLimitLetsGo();

    assertThat(seeded.headers().firstValue("ETag")).isPresent();
    assertThat(mismatches).as("exchanges the served document does not describe").isEmpty();
  }

  @Test
  void the_openid_connect_scheme_names_the_stacks_issuer_whose_discovery_answers() {
    JsonNode document = Tokens.read(api.get("/openapi.json").body());
    String discovery = document.at("/components/securitySchemes/openIdConnect/openIdConnectUrl").asText();

    assertThat(discovery).isEqualTo(stack.publicUrl() + "/auth/realms/bookshelf/.well-known/openid-configuration");
    HttpResponse<String> answer = api.get(discovery.substring(stack.publicUrl().length()));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Tokens.read(answer.body()).path("issuer").asText()).isEqualTo(stack.publicUrl() + "/auth/realms/bookshelf");
  }

  @Test
  void the_api_reference_renders_every_operation_of_the_served_document_without_a_csp_violation() {
    JsonNode document = Tokens.read(api.get("/openapi.json").body());
    BookshelfPage page = browser.newPerson().open("/");

    page.page().getByRole(com.microsoft.playwright.options.AriaRole.LINK,
        new com.microsoft.playwright.Page.GetByRoleOptions().setName("API reference")).click();

    assertThat(page.page()).hasTitle("Bookshelf API reference");
    List<String> summaries = new ArrayList<>();
    document.path("paths").forEach(item -> item.forEach(operation -> {
      if (operation.has("operationId")) {
        summaries.add(operation.path("summary").asText());
      }
    }));
    assertThat(summaries).hasSize(5);
    for (String summary : summaries) {
      Locator heading = page.page().locator("h2", new com.microsoft.playwright.Page.LocatorOptions().setHasText(summary));
      assertThat(heading.first()).isVisible();
    }
    assertThat(page.page().getByText("openIdConnect").first()).isVisible();
    assertThat(browser.cspViolations).as("CSP violations").isEmpty();
  }

  private HttpResponse<String> replay(ServedDocument document, Exchange exchange) {
    HttpRequest request = exchange.request().build();
    HttpResponse<String> response = api.send(exchange.request());
    String what = exchange.name() + " (" + request.method() + " " + request.uri().getRawPath() + " -> " + response.statusCode() + ")";
    if (response.statusCode() != exchange.status()) {
      mismatches.add(what + ": expected " + exchange.status() + ", body " + abbreviated(response.body()));
    }
    Set<String> requestErrors = keys(document.request(request, exchange.body()));
    if (!requestErrors.equals(exchange.requestErrors())) {
      mismatches.add(what + ": request errors " + requestErrors + ", expected " + exchange.requestErrors()
          + ": " + document.request(request, exchange.body()));
    }
    ValidationReport responseReport = document.response(response);
    if (responseReport.hasErrors()) {
      mismatches.add(what + ": response " + responseReport);
    }
    System.out.printf("[contract] %s%n", what);
    return response;
  }

  private Exchange write(String name, String method, String path, String credential, String ifMatch, String body,
      int status, Set<String> requestErrors) {
    HttpRequest.Builder request = api.request(path).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return new Exchange(name, request, body, status, requestErrors);
  }

  /** Fast reads until the gateway's rate limit answers; the next read, limited too, is replayed. */
  private Exchange rateLimited() {
    for (int sent = 0; sent < 5_000; sent++) {
      if (api.get(SEEDED).statusCode() == 429) {
        return new Exchange("rate limit", api.request(SEEDED).GET(), null, 429, Set.of());
      }
    }
    throw new AssertionError("no 429 within 5000 fast reads");
  }

  /** The shared stack's next user must not meet the limit this class provoked. */
  private static void awaitTheLimitLetsGo() {
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(SEEDED).statusCode() == 200);
  }

  private String readerToken() {
    BookshelfPage app = browser.newPerson().open("/");
    app.signIn("reader", "reader-local-password");
    assertThat(app.writeHint()).isVisible();
    return Browser.accessToken(app);
  }

  private static Set<String> keys(ValidationReport report) {
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .map(ValidationReport.Message::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String book(String isbn) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"Replayed against the document\",\"author\":\"Contract Test\"}";
  }

  private static String abbreviated(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}

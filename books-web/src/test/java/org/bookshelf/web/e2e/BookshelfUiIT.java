package org.bookshelf.web.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.bookshelf.testsupport.Chromium;
import org.bookshelf.testsupport.RequiresChromium;
import org.bookshelf.testsupport.ui.BookshelfPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person using the real app in Chromium: the real books-web server and the real books-service,
 * on one origin through the real nginx on the shipped gateway config. Each test gets a fresh
 * browser context; tests that write use their own book.
 */
@RequiresChromium
class BookshelfUiIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dataDir;
  private static Stack stack;
  private static Playwright playwright;
  private static Browser browser;
  private final HttpClient http = HttpClient.newHttpClient();
  private BrowserContext context;
  private BookshelfPage app;
  private Page page;
  private final List<String> cspViolations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startStackAndBrowser() throws Exception {
    stack = new Stack(dataDir);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.EXECUTABLE)
                    .setArgs(Chromium.ARGS)
                    .setHeadless(true));
  }

  @AfterAll
  static void stopAll() {
    if (playwright != null) {
      playwright.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    page = context.newPage();
    app = new BookshelfPage(page, stack.uri("/"));
    page.onConsoleMessage(
        message -> {
          if (message.text().contains("Content Security Policy")) {
            cspViolations.add(message.text());
          }
        });
  }

  @AfterEach
  void closePageAndCheckCsp() {
    context.close();
    Assertions.assertThat(cspViolations).as("the app keeps to the gateway's CSP").isEmpty();
  }

  @Test
  void the_list_shows_the_seeded_books_under_the_gateways_csp() throws Exception {
    Response document = page.navigate(stack.uri("/").toString());

    // The CSP check after each test only means something if the shipped policy reached the page.
    Assertions.assertThat(document.headerValue("content-security-policy"))
        .as("the gateway's CSP on the page")
        .contains("script-src 'self'");
    assertThat(app.bookLink("Learning Node.js Development")).isVisible();
    assertThat(app.bookLink("Hands-On Microservices with Node.js")).isVisible();

    app.screenshot(SCREENSHOTS, "book-list");
    reportFirstPaintAndScriptSize();
  }

  @Test
  void the_list_looks_right_on_a_phone() throws Exception {
    try (BrowserContext phone =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true))) {
      BookshelfPage small = new BookshelfPage(phone.newPage(), stack.uri("/")).open("/");

      assertThat(small.bookLink("Learning Node.js Development")).isVisible();
      Object overflow = small.page().evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
      Assertions.assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
      small.screenshot(SCREENSHOTS, "book-list-phone");
    }
  }

  @Test
  void signed_out_visitors_see_no_edit_controls() {
    app.open("/book/1788395549");

    assertThat(app.heading("Learning Node.js Development")).isVisible();
    assertThat(page.getByText("Sign in with an API key to add, edit or delete books.")).isVisible();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))).hasCount(0);
  }

  @Test
  void a_signed_in_user_adds_finds_edits_and_deletes_a_book() throws Exception {
    app.open("/").signIn(stack.apiKey());

    app.addBook("978-1-61729-454-9", "Microservices Patterns", "Chris Richardson", "2018");
    assertThat(app.heading("Microservices Patterns")).isVisible();
    assertThat(page).hasURL(stack.uri("/book/9781617294549").toString());

    app.backToAllBooks();
    app.search("Richardson");
    assertThat(app.bookList().getByRole(AriaRole.LINK)).hasText(new String[] {"Microservices Patterns"});

    app.bookLink("Microservices Patterns").click();
    app.editTitle("Microservices Patterns, 2nd edition");
    assertThat(app.heading("Microservices Patterns, 2nd edition")).isVisible();

    app.deleteAndConfirm();
    assertThat(app.deletedNotice("Microservices Patterns, 2nd edition")).isVisible();
    Assertions.assertThat(apiStatus("/books/9781617294549")).isEqualTo(404);
  }

  @Test
  void server_validation_errors_show_next_to_the_fields() {
    app.open("/").signIn(stack.apiKey());

    app.addBook("9781617294540", "Bad check digit", "Someone", "");

    assertThat(app.field("ISBN")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#book-isbn-error")).containsText("not a valid ISBN");
  }

  @Test
  void saving_over_a_change_made_elsewhere_says_so_and_reload_fetches_it() throws Exception {
    String isbn = "9781492078005";
    createBook(isbn, "Cloud Native Patterns", "Cornelia Davis");
    app.open("/book/" + isbn).signIn(stack.apiKey());
    app.openEditor();
    assertThat(app.field("Title")).hasValue("Cloud Native Patterns");

    renameThroughApi(isbn, "Cloud Native Patterns (changed elsewhere)");
    app.saveTitle("My edit");

    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Someone else changed this book");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reload latest version")).click();
    assertThat(app.field("Title")).hasValue("Cloud Native Patterns (changed elsewhere)");
    deleteThroughApi(isbn);
  }

  @Test
  void a_key_the_gateway_rejects_asks_to_sign_in_again() {
    app.open("/").signIn("not-the-key");

    app.addBook("9780134685991", "Effective Java", "Joshua Bloch", "");

    assertThat(page.getByText("The server did not accept your API key")).isVisible();
    assertThat(app.field("API key")).isVisible();
    assertThat(app.field("Title")).hasValue("Effective Java");
  }

  /**
   * Prints the figures people ask about: first contentful paint of the list in this browser (a
   * fresh context, so a cold cache) and the size of the app's script on the wire. Not asserted:
   * timings belong in benchmarks.
   */
  private void reportFirstPaintAndScriptSize() throws Exception {
    Object fcp =
        page.evaluate(
            "() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return e ? Math.round(e.startTime) : -1; }");
    String index = get("/", "identity").body();
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
    Assertions.assertThat(script.find()).isTrue();
    String path = script.group(1);
    long identity = bytes(path, "identity");
    long gzip = bytes(path, "gzip");
    long brotli = bytes(path, "br");
    String report =
        String.format(
            "first-contentful-paint=%s ms; app script %s: %d B raw, %d B gzip, %d B brotli",
            fcp, path, identity, gzip, brotli);
    System.out.println("[books-web] measured in Chromium: " + report);
    Files.writeString(Path.of("target", "ui-metrics.txt"), report + System.lineSeparator());
  }

  private long bytes(String path, String encoding) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(stack.uri(path)).header("Accept-Encoding", encoding).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return response.body().length;
  }

  private HttpResponse<String> get(String path, String encoding) throws Exception {
    return http.send(
        HttpRequest.newBuilder(stack.uri(path)).header("Accept-Encoding", encoding).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int apiStatus(String path) throws Exception {
    return get(path, "identity").statusCode();
  }

  private void createBook(String isbn, String title, String author) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(stack.uri("/books"))
                .header("Authorization", "Bearer " + stack.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"isbn\":\"" + isbn + "\",\"title\":\"" + title + "\",\"author\":\"" + author + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(created.statusCode()).isEqualTo(201);
  }

  private void deleteThroughApi(String isbn) throws Exception {
    String etag = get("/books/" + isbn, "identity").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(stack.uri("/books/" + isbn))
                .header("Authorization", "Bearer " + stack.apiKey())
                .header("If-Match", etag)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(deleted.statusCode()).isEqualTo(204);
  }

  private void renameThroughApi(String isbn, String title) throws Exception {
    HttpResponse<String> current = get("/books/" + isbn, "identity");
    String etag = current.headers().firstValue("ETag").orElseThrow();
    String body = current.body().replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"" + title + "\"");
    HttpResponse<String> saved =
        http.send(
            HttpRequest.newBuilder(stack.uri("/books/" + isbn))
                .header("Authorization", "Bearer " + stack.apiKey())
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(saved.statusCode()).isEqualTo(200);
  }
}

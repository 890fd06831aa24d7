package org.bookshelf.web.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person using the real app in Chromium: the real books-web server and the real books-service,
 * on one origin through the test gateway. Each test gets a fresh browser context and its own book.
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
  void the_list_shows_the_seeded_books() throws Exception {
    page.navigate(stack.gateway.uri("/").toString());

    Locator list = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Books"));
    assertThat(link(list, "Learning Node.js Development")).isVisible();
    assertThat(link(list, "Hands-On Microservices with Node.js")).isVisible();

    Files.createDirectories(SCREENSHOTS);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("book-list.png")).setFullPage(true));
    reportFirstPaintAndScriptSize();
  }

  @Test
  void the_list_looks_right_on_a_phone() throws Exception {
    try (BrowserContext phone =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true))) {
      Page small = phone.newPage();
      small.navigate(stack.gateway.uri("/").toString());

      assertThat(small.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Learning Node.js Development"))).isVisible();
      Object overflow = small.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
      Assertions.assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
      Files.createDirectories(SCREENSHOTS);
      small.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("book-list-phone.png")).setFullPage(true));
    }
  }

  @Test
  void signed_out_visitors_see_no_edit_controls() {
    page.navigate(stack.gateway.uri("/book/1788395549").toString());

    assertThat(heading("Learning Node.js Development")).isVisible();
    assertThat(page.getByText("Sign in with an API key to add, edit or delete books.")).isVisible();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))).hasCount(0);
  }

  @Test
  void a_signed_in_user_adds_finds_edits_and_deletes_a_book() throws Exception {
    page.navigate(stack.gateway.uri("/").toString());
    signIn(Stack.API_KEY);

    // Add
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a book")).click();
    page.getByLabel("ISBN").fill("978-1-61729-454-9");
    page.getByLabel("Title").fill("Microservices Patterns");
    page.getByLabel("Author").fill("Chris Richardson");
    page.getByLabel("Publication year (optional)").fill("2018");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add book")).click();
    assertThat(heading("Microservices Patterns")).isVisible();
    assertThat(page).hasURL(stack.gateway.uri("/book/9781617294549").toString());

    // Find by search
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to all books")).click();
    page.getByLabel("Title or author").fill("Richardson");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    Locator list = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Books"));
    assertThat(list.getByRole(AriaRole.LINK)).hasText(new String[] {"Microservices Patterns"});

    // Edit
    link(list, "Microservices Patterns").click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit")).click();
    page.getByLabel("Title").fill("Microservices Patterns, 2nd edition");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
    assertThat(heading("Microservices Patterns, 2nd edition")).isVisible();

    // Delete, after confirming
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete")).click();
    assertThat(page.getByRole(AriaRole.ALERTDIALOG)).containsText("cannot be undone");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, delete")).click();
    assertThat(page.getByText("Deleted “Microservices Patterns, 2nd edition”.")).isVisible();
    Assertions.assertThat(apiStatus("/books/9781617294549")).isEqualTo(404);
  }

  @Test
  void server_validation_errors_show_next_to_the_fields() {
    page.navigate(stack.gateway.uri("/new").toString());
    signIn(Stack.API_KEY);

    page.getByLabel("ISBN").fill("9781617294540");
    page.getByLabel("Title").fill("Bad check digit");
    page.getByLabel("Author").fill("Someone");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add book")).click();

    assertThat(page.getByLabel("ISBN")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#book-isbn-error")).containsText("not a valid ISBN");
  }

  @Test
  void saving_over_a_change_made_elsewhere_shows_a_conflict_and_reload_fetches_it() throws Exception {
    String isbn = "9781492078005";
    createBook(isbn, "Cloud Native Patterns", "Cornelia Davis");
    page.navigate(stack.gateway.uri("/book/" + isbn + "/edit").toString());
    signIn(Stack.API_KEY);
    assertThat(page.getByLabel("Title")).hasValue("Cloud Native Patterns");

    renameThroughApi(isbn, "Cloud Native Patterns (changed elsewhere)");
    page.getByLabel("Title").fill("My edit");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();

    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Someone else changed this book");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reload latest version")).click();
    assertThat(page.getByLabel("Title")).hasValue("Cloud Native Patterns (changed elsewhere)");
    deleteThroughApi(isbn);
  }

  @Test
  void a_rejected_key_asks_to_sign_in_again() {
    page.navigate(stack.gateway.uri("/new").toString());
    signIn("not-the-key");

    page.getByLabel("ISBN").fill("9780134685991");
    page.getByLabel("Title").fill("Effective Java");
    page.getByLabel("Author").fill("Joshua Bloch");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add book")).click();

    assertThat(page.getByText("The server did not accept your API key")).isVisible();
    assertThat(page.getByLabel("API key")).isVisible();
    assertThat(page.getByLabel("Title")).hasValue("Effective Java");
  }

  private void signIn(String key) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in to edit")).click();
    page.getByLabel("API key").fill(key);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    assertThat(page.getByText("Signed in to edit")).isVisible();
  }

  private Locator heading(String name) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
  }

  private static Locator link(Locator scope, String name) {
    return scope.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name));
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
            HttpRequest.newBuilder(stack.gateway.uri(path)).header("Accept-Encoding", encoding).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return response.body().length;
  }

  private HttpResponse<String> get(String path, String encoding) throws Exception {
    return http.send(
        HttpRequest.newBuilder(stack.gateway.uri(path)).header("Accept-Encoding", encoding).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int apiStatus(String path) throws Exception {
    return get(path, "identity").statusCode();
  }

  private void createBook(String isbn, String title, String author) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(stack.gateway.uri("/books"))
                .header("Authorization", "Bearer " + Stack.API_KEY)
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
            HttpRequest.newBuilder(stack.gateway.uri("/books/" + isbn))
                .header("Authorization", "Bearer " + Stack.API_KEY)
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
            HttpRequest.newBuilder(stack.gateway.uri("/books/" + isbn))
                .header("Authorization", "Bearer " + Stack.API_KEY)
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(saved.statusCode()).isEqualTo(200);
  }
}

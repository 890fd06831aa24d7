package org.bookshelf.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.Map;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.Chromium;
import org.bookshelf.testsupport.RequiresChromium;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.ui.BookshelfPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person in Debian's Chromium using the system through the gateway, on the real images.
 * Screenshots land in system-tests/target/screenshots for people to look at.
 */
@RequiresDocker
@RequiresChromium
@ExtendWith(SharedStack.class)
class BrowserIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static Playwright playwright;
  private static Browser browser;

  private final SystemStack stack;
  private BrowserContext context;
  private BookshelfPage app;

  BrowserIT(SystemStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  static void launchBrowser() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(
        new BrowserType.LaunchOptions().setExecutablePath(Chromium.EXECUTABLE).setArgs(Chromium.ARGS).setHeadless(true));
  }

  @AfterAll
  static void closeBrowser() {
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void newContext() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    app = new BookshelfPage(context.newPage(), stack.gatewayUri("/"));
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  @Test
  void the_start_page_lists_the_seeded_books() throws Exception {
    app.open("/");

    assertThat(app.bookLink("Learning Node.js Development")).isVisible();
    assertThat(app.bookLink("Hands-On Microservices with Node.js")).isVisible();
    app.screenshot(SCREENSHOTS, "system-book-list");
  }

  @Test
  void a_signed_in_user_adds_searches_edits_and_deletes_a_book() throws Exception {
    String isbn = Isbns.next();
    String author = "Browser Tester " + isbn.substring(8);
    app.open("/");
    app.signIn(SystemStack.API_KEY);

    app.addBook(isbn, "Written in Chromium", author, "2024");
    assertThat(app.heading("Written in Chromium")).isVisible();
    assertThat(app.page()).hasURL(stack.gatewayUri("/book/" + isbn).toString());
    app.screenshot(SCREENSHOTS, "system-added");

    app.backToAllBooks();
    app.search(author);
    assertThat(app.bookList().getByRole(AriaRole.LINK)).hasText(new String[] {"Written in Chromium"});
    app.screenshot(SCREENSHOTS, "system-search");

    app.bookLink("Written in Chromium").click();
    app.editTitle("Edited in Chromium");
    assertThat(app.heading("Edited in Chromium")).isVisible();

    app.deleteAndConfirm();
    Locator deleted = app.page().getByText("Deleted “Edited in Chromium”.");
    assertThat(deleted).isVisible();
    org.assertj.core.api.Assertions.assertThat(stack.client().get("/books/" + isbn).statusCode()).isEqualTo(404);
  }
}

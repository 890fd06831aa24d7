package org.bookshelf.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
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
 * A person in Debian's Chromium using the system through the gateway, on the real images (signing
 * in and editing: SignInIT).
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
}

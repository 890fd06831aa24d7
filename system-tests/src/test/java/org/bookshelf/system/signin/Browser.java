package org.bookshelf.system.signin;

import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.Chromium;
import org.bookshelf.testsupport.ui.BookshelfPage;

/**
 * Debian's Chromium on the stack's public URL (the origin the issuer and redirect URIs are built
 * from), one context per person; what the app keeps in the tab's storage, read as a script could.
 */
final class Browser implements AutoCloseable {

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;
  private final URI base;
  /** CSP violations any page reported: the app must cause none. */
  final List<String> cspViolations = new CopyOnWriteArrayList<>();

  Browser(SystemStack stack) {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    chromium = playwright.chromium().launch(
        new BrowserType.LaunchOptions().setExecutablePath(Chromium.EXECUTABLE).setArgs(Chromium.ARGS).setHeadless(true));
    base = URI.create(stack.publicUrl() + "/");
  }

  /** A fresh context (no cookies, no storage): one person's browser. */
  BookshelfPage newPerson() {
    BrowserContext context = chromium.newContext(new NewContextOptions().setViewportSize(1280, 800));
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if (message.text().contains("Content Security Policy")) {
        cspViolations.add(page.url() + ": " + message.text());
      }
    });
    return new BookshelfPage(page, base);
  }

  /** The access token the app holds for the signed-in user (oidc-client-ts's entry in sessionStorage). */
  static String accessToken(BookshelfPage app) {
    Object token = app.page().evaluate(
        "() => { const key = Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:'));"
            + " return key ? JSON.parse(sessionStorage.getItem(key)).access_token : null; }");
    return (String) token;
  }

  static int localStorageEntries(BookshelfPage app) {
    return ((Number) app.page().evaluate("() => localStorage.length")).intValue();
  }

  @Override
  public void close() {
    playwright.close();
  }
}

package org.bookshelf.system.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresChromium;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.ui.BookshelfPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in for real, on the shared stack: people on Keycloak's own login page in Chromium
 * through the gateway, machines with client credentials or an API key, a signing key rotated in
 * the realm while the gateway runs, and the provider stopped and started. The last two change
 * the stack for whoever comes after, so they run last; the rest use their own books.
 */
@RequiresDocker
@RequiresChromium
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
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

  @AfterEach
  void theAppCausedNoCspViolation() {
    assertThat(browser.cspViolations).as("CSP violations").isEmpty();
  }

  @Test
  @Order(1)
  void an_editor_signs_in_on_the_providers_page_adds_a_book_added_by_them_edits_it_and_signs_out() throws Exception {
    String isbn = Isbns.next();
    BookshelfPage app = browser.newPerson().open("/");

    app.signIn("editor", "editor-local-password");
    assertThat(app.page()).hasURL(stack.publicUrl() + "/");
    assertThat(Browser.localStorageEntries(app)).as("nothing in localStorage").isZero();
    assertThat(Browser.accessToken(app)).as("the token is in this tab's sessionStorage").isNotBlank();

    app.addBook(isbn, "Signed in with Keycloak", "Editor Person", "2025");
    assertThat(app.heading("Signed in with Keycloak")).isVisible();
    assertThat(app.page().locator("dt:text-is('Added by') + dd")).hasText("editor");
    app.backToAllBooks();
    app.search("Editor Person");
    assertThat(app.bookList()).containsText("added by editor");
    app.bookLink("Signed in with Keycloak").click();
    app.editTitle("Edited after signing in");
    assertThat(app.heading("Edited after signing in")).isVisible();
    assertThat(app.page().locator("dt:text-is('Last changed') + dd")).containsText("by editor");
    app.screenshot(SCREENSHOTS, "signed-in-editor");

    app.signOut();
    assertThat(app.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit"))).hasCount(0);
    // The provider's session ended too: signing in again asks for the password again.
    app.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    assertThat(app.page().locator("#password")).isVisible();
  }

  @Test
  @Order(2)
  void a_reader_sees_no_edit_controls_and_the_api_refuses_their_token_with_403() throws Exception {
    BookshelfPage app = browser.newPerson().open("/");

    app.signIn("reader", "reader-local-password");

    assertThat(app.writeHint()).hasText("You can read but not edit: your account does not have the editor role.");
    assertThat(app.page().getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a book"))).hasCount(0);
    app.open("/book/1788395549");
    assertThat(app.heading("Learning Node.js Development")).isVisible();
    assertThat(app.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))).hasCount(0);
    app.screenshot(SCREENSHOTS, "signed-in-reader");

    HttpResponse<String> write = api.post("/books", book(Isbns.next(), "A reader's try"), Browser.accessToken(app));
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
    assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  @Order(3)
  void a_machine_writes_with_a_client_credentials_token() {
    String isbn = Isbns.next();

    HttpResponse<String> created = api.post("/books", book(isbn, "Written by a machine"), Tokens.clientCredentials(stack));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Tokens.read(created.body()).path("createdBy").asText()).isEqualTo("service-account-bookshelf-cli");
  }

  @Test
  @Order(4)
  void an_api_key_still_writes() {
    HttpResponse<String> created = api.post("/books", book(Isbns.next(), "Written with the key"), SystemStack.API_KEY);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /**
   * A new signing key, made the realm's active one through the admin API inside the network:
   * tokens it signs are accepted without restarting the gateway or the verifier (they fetch the
   * issuer's keys again on an unknown kid, at most once per JWKS_MIN_REFRESH_INTERVAL_SECONDS).
   */
  @Test
  @Order(99)
  void a_new_signing_key_in_the_realm_is_accepted_without_a_restart() {
    String before = Tokens.keyId(Tokens.clientCredentials(stack));
    String gatewayStarted = stack.gateway().inspect().getState().getStartedAt();
    KeycloakAdmin admin = KeycloakAdmin.signIn(stack);

    admin.addSigningKey("bookshelf", "rotated-" + System.currentTimeMillis(), 1000);

    String token = Tokens.clientCredentials(stack);
    assertThat(Tokens.keyId(token)).isEqualTo(admin.activeKeyId("bookshelf")).isNotEqualTo(before);
    long started = System.nanoTime();
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(
        () -> api.post("/books", book(Isbns.next(), "Signed with the new key"), token).statusCode() == 201);
    System.out.printf("[system-tests] a token signed by the new key was accepted after %.1f s%n", (System.nanoTime() - started) / 1e9);
    assertThat(stack.gateway().inspect().getState().getStartedAt()).as("the gateway was not restarted").isEqualTo(gatewayStarted);
  }

  /**
   * The identity provider goes away and comes back: reads never depend on it, writes with tokens
   * it signed before go on (the verifier keeps its keys), the app says sign-in is unavailable
   * instead of failing blankly, and signing in works again once it is back. Last in the class;
   * should it fail halfway, the next class on the shared stack gets identity back from
   * {@link SystemStack#restore()}.
   */
  @Test
  @Order(100)
  void with_the_provider_stopped_reads_and_valid_tokens_go_on_and_sign_in_says_it_is_unavailable() {
    String token = Tokens.clientCredentials(stack);
    stack.project().run("stop", "identity");
    long stopped = System.nanoTime();
    try {
      assertThat(api.get("/books/1788395549").statusCode()).isEqualTo(200);
      HttpResponse<String> write = api.post("/books", book(Isbns.next(), "Written while the provider is down"), token);
      assertThat(write.statusCode()).as(write.body()).isEqualTo(201);

      BookshelfPage app = browser.newPerson().open("/");
      assertThat(app.bookLink("Learning Node.js Development")).isVisible();
      app.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
      assertThat(app.page().getByRole(AriaRole.ALERT)).containsText("Sign-in is unavailable right now");
      assertThat(app.bookLink("Learning Node.js Development")).isVisible();
    } finally {
      stack.project().run("start", "identity");
      stack.awaitHealthy();
      System.out.printf("[system-tests] identity stopped and back healthy in %.1f s%n", (System.nanoTime() - stopped) / 1e9);
    }

    browser.newPerson().open("/").signIn("editor", "editor-local-password");
  }

  static String book(String isbn, String title) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"" + title + "\",\"author\":\"Sign-in Test\"}";
  }
}

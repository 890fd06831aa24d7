package org.bookshelf.testsupport.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The books-web app as a person uses it, found by roles and labels like its component tests:
 * one place for the selectors, shared by books-web's browser test and the system tests.
 * Needs Playwright on the test classpath (an optional dependency of test-support).
 */
public final class BookshelfPage {

  private final Page page;
  private final URI base;

  public BookshelfPage(Page page, URI base) {
    this.page = page;
    this.base = base;
  }

  public Page page() {
    return page;
  }

  public BookshelfPage open(String path) {
    page.navigate(base.resolve(path).toString());
    return this;
  }

  /** The list of books on the start page or after a search. */
  public Locator bookList() {
    return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Books"));
  }

  public Locator bookLink(String title) {
    return bookList().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title));
  }

  /** The page's h1: the book's title on its page. */
  public Locator heading(String name) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
  }

  /**
   * "Sign in", then the identity provider's own login page (Keycloak's form: its {@code username},
   * {@code password} and {@code kc-login} ids), then back in the app, signed in as that user.
   */
  public void signIn(String username, String password) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#kc-login").click();
    assertThat(signedInAs()).containsText("Signed in as " + username);
  }

  /** The header's "Signed in as …" line. */
  public Locator signedInAs() {
    return page.locator(".signin-state");
  }

  /** Signs out of the app and the provider; back on the app, signed out. */
  public void signOut() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true))).isVisible();
  }

  /** Why the edit controls are not there ("You can read but not edit …", "Editing is off …"). */
  public Locator writeHint() {
    return page.locator(".write-hint").first();
  }

  /** Fills and sends the "Add a book" form; the app then shows the new book's page. */
  public void addBook(String isbn, String title, String author, String year) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add a book")).click();
    page.getByLabel("ISBN").fill(isbn);
    page.getByLabel("Title").fill(title);
    page.getByLabel("Author").fill(author);
    page.getByLabel("Publication year (optional)").fill(year);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add book")).click();
  }

  public void backToAllBooks() {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to all books")).click();
  }

  public void search(String text) {
    page.getByLabel("Title or author").fill(text);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
  }

  /** On a book's page: edit its title and save. */
  public void editTitle(String title) {
    openEditor();
    saveTitle(title);
  }

  /** On a book's page: open its edit form. */
  public void openEditor() {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit")).click();
  }

  /** On the edit form: change the title and save. */
  public void saveTitle(String title) {
    field("Title").fill(title);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
  }

  /** A form field by its label: ISBN, Title, Author … */
  public Locator field(String label) {
    return page.getByLabel(label);
  }

  /** The message shown after a book was deleted. */
  public Locator deletedNotice(String title) {
    return page.getByText("Deleted “" + title + "”.");
  }

  /** On a book's page: delete it and confirm. */
  public void deleteAndConfirm() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete")).click();
    assertThat(page.getByRole(AriaRole.ALERTDIALOG)).containsText("cannot be undone");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, delete")).click();
  }

  /** A full-page screenshot under {@code directory}, for people to look at. */
  public Path screenshot(Path directory, String name) throws java.io.IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }
}

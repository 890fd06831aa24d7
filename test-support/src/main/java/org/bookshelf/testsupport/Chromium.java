package org.bookshelf.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How Playwright starts Debian's Chromium here: its own browser download is off
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}) because no download site is reachable. Pass these to
 * {@code BrowserType.LaunchOptions#setExecutablePath} and {@code #setArgs}.
 */
public final class Chromium {

  private static final Path DEBIAN = Path.of("/usr/bin/chromium");

  /** Where {@link #find()} looks, for messages. */
  static final String LOOKED_IN = "CHROMIUM, PATH, " + DEBIAN;

  /** {@link #find()}'s answer, else Debian's path (where {@link RequiresChromium} tests skip). */
  public static final Path EXECUTABLE = find().orElse(DEBIAN);

  /**
   * No sandbox: tests run as root, where Chromium refuses to start with one. The rest keeps the
   * browser from calling home during a test.
   */
  public static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  private Chromium() {}

  /** {@code CHROMIUM}, else {@code chromium} on the PATH, else Debian's path. */
  static Optional<Path> find() {
    return Executables.find("CHROMIUM", "chromium", DEBIAN);
  }
}

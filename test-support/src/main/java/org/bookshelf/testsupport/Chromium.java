package org.bookshelf.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * How Playwright starts Debian's Chromium here: its own browser download is off
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}) because no download site is reachable. Pass these to
 * {@code BrowserType.LaunchOptions#setExecutablePath} and {@code #setArgs}.
 */
public final class Chromium {

  public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

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
}

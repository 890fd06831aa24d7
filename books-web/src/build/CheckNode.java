import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the air-gapped path (run by Maven with Java's single-file launcher, before npm,
 * when BOOKSHELF_OFFLINE_BASES=true makes the build use the machine's Node.js instead of
 * downloading its own): fails with a message that says which Node.js the React build needs,
 * instead of npm's or Vite's own confusing errors. Usage: java CheckNode.java 20.19.0
 */
public final class CheckNode {

  public static void main(String[] args) throws Exception {
    String required = args.length > 0 ? args[0] : "20.19.0";
    String hint =
        "books-web builds its React app with Node.js >= "
            + required
            + " and npm on the PATH, because BOOKSHELF_OFFLINE_BASES=true (the air-gapped path)"
            + " builds with the machine's Node.js. Install them (e.g. apt-get install nodejs npm),"
            + " or unset BOOKSHELF_OFFLINE_BASES where nodejs.org answers: the build then downloads"
            + " its own pinned Node.js (docs/building.md).";
    String version = run("node", "--version");
    if (version == null) {
      fail("Node.js was not found on the PATH. " + hint);
    }
    if (compare(version.replaceFirst("^v", ""), required) < 0) {
      fail("Node.js " + version + " is too old. " + hint);
    }
    if (run("npm", "--version") == null && run("npm.cmd", "--version") == null) {
      fail("npm was not found on the PATH. " + hint);
    }
    System.out.println("[books-web] Node.js " + version + " found (needs >= " + required + ")");
  }

  private static String run(String... command) throws InterruptedException {
    try {
      // Output to a file, not a pipe read to its end first: that read waits for the process to
      // exit, so the timeout below could never fire.
      Path out = Files.createTempFile("check-node", ".out");
      try {
        Process process =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return null;
        }
        return process.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8).trim() : null;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException notInstalled) {
      return null;
    }
  }

  /** Compares dotted numeric versions, e.g. 20.20.2 against 20.19.0. */
  static int compare(String actual, String wanted) {
    String[] a = actual.split("[.\\-+]");
    String[] w = wanted.split("[.\\-+]");
    for (int i = 0; i < w.length; i++) {
      int have = i < a.length ? parse(a[i]) : 0;
      int need = parse(w[i]);
      if (have != need) {
        return Integer.compare(have, need);
      }
    }
    return 0;
  }

  private static int parse(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void fail(String message) {
    System.err.println("[books-web] ERROR: " + message);
    System.exit(1);
  }
}

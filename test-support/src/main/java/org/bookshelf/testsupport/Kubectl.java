package org.bookshelf.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubectl the k8s tests render manifests with: {@code KUBECTL} if set, else {@code kubectl}
 * on the PATH. Client only: no cluster is contacted.
 */
public final class Kubectl {

  /** The oldest client whose built-in kustomize renders the overlays (components, replacements). */
  public static final int MIN_MINOR = 27;

  private static final Pattern MINOR = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)");

  private Kubectl() {}

  public static String command() {
    String configured = System.getenv("KUBECTL");
    return configured == null || configured.isBlank() ? "kubectl" : configured;
  }

  /**
   * The client's minor version (1.x), or empty when kubectl cannot be started or does not
   * answer {@code kubectl version --client} within 30 s.
   */
  static Optional<Integer> clientMinor() {
    try {
      Process process =
          new ProcessBuilder(command(), "version", "--client", "-o", "json")
              .redirectErrorStream(true)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      Matcher minor = MINOR.matcher(out);
      return minor.find() ? Optional.of(Integer.parseInt(minor.group(1))) : Optional.of(0);
    } catch (IOException notInstalled) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

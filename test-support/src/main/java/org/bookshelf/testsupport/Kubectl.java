package org.bookshelf.testsupport;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

  /** The kubectl found ({@link Executables#find}), else the name as given, for the start to fail on. */
  public static String command() {
    String configured = System.getenv("KUBECTL");
    String named = configured == null || configured.isBlank() ? "kubectl" : configured;
    return Executables.find("KUBECTL", "kubectl").map(Path::toString).orElse(named);
  }

  /**
   * The client's minor version (1.x), or empty when kubectl cannot be started or does not
   * answer {@code kubectl version --client} within 30 s.
   */
  static Optional<Integer> clientMinor() {
    try {
      CommandResult version =
          Command.of(command(), "version", "--client", "-o", "json")
              .mergingErrors()
              .within(Duration.ofSeconds(30))
              .run();
      if (!version.succeeded()) {
        return Optional.empty();
      }
      Matcher minor = MINOR.matcher(version.stdout());
      return minor.find() ? Optional.of(Integer.parseInt(minor.group(1))) : Optional.of(0);
    } catch (UncheckedIOException | CommandTimedOut notRunning) {
      return Optional.empty();
    }
  }
}

package org.bookshelf.k8s;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;
import org.bookshelf.testsupport.Kubectl;

/** Renders a kustomization with the real {@code kubectl kustomize}, exactly as {@code apply -k} would. */
public final class Kustomize {

  private Kustomize() {}

  /** @throws org.bookshelf.testsupport.CommandTimedOut when it takes over 60 s */
  public static String render(Path kustomization) {
    CommandResult result;
    try {
      result =
          Command.of(Kubectl.command(), "kustomize", kustomization.toString())
              .within(Duration.ofSeconds(60))
              .run();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException(
          "kubectl is needed to render the manifests but could not be started ("
              + e.getMessage()
              + "). Install kubectl 1.27+ (kustomize is built in), e.g. apt-get install kubectl"
              + " from the Kubernetes apt repository, or set KUBECTL to its path.",
          e);
    }
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "kubectl kustomize " + kustomization + " failed (exit " + result.exitCode() + "):\n" + result.stderr());
    }
    return result.stdout();
  }
}

package org.bookshelf.k8s;

import org.bookshelf.testsupport.Kubectl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with the real {@code kubectl kustomize}, exactly as {@code apply -k} would. */
public final class Kustomize {

  private Kustomize() {}

  public static String render(Path kustomization) {
    ProcessBuilder builder = new ProcessBuilder(Kubectl.command(), "kustomize", kustomization.toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "kubectl is needed to render the manifests but could not be started ("
              + e.getMessage()
              + "). Install kubectl 1.27+ (kustomize is built in), e.g. apt-get install kubectl"
              + " from the Kubernetes apt repository, or set KUBECTL to its path.",
          e);
    }
    try {
      // Read stderr beside stdout so a chatty kubectl cannot block on a full pipe.
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> transfer(process.getErrorStream(), errors), "kubectl-stderr");
      drain.start();
      String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + kustomization + " took over 60 s");
      }
      drain.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + kustomization + " failed (exit " + process.exitValue() + "):\n"
                + errors.toString(StandardCharsets.UTF_8));
      }
      return yaml;
    } catch (IOException e) {
      throw new IllegalStateException("reading kubectl's output failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + kustomization, e);
    }
  }

  private static void transfer(InputStream in, OutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // The exit code tells the story; a lost stderr line is not worth failing for.
    }
  }
}

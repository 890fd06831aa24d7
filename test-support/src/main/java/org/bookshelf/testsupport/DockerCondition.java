package org.bookshelf.testsupport;

import java.net.URI;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a test only when a Docker engine answers; see {@link RequiresDocker}. */
final class DockerCondition implements ExecutionCondition {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerCondition.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    // Ask the engine once per test run: the root store outlives every test class.
    String missing =
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("missing", key -> missing(), String.class);
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    return MissingTool.skipOrFail(
        context.getDisplayName(), "needs a Docker engine and " + missing, "start Docker (docker info must answer)");
  }

  /** Why no usable engine answers, or "" when one does. */
  private static String missing() {
    DockerClientFactory docker = DockerClientFactory.instance();
    if (!docker.isDockerAvailable()) {
      return "none answers";
    }
    // Testcontainers falls back to the local socket when DOCKER_HOST does not answer; the build's
    // image step (the docker CLI) does not, so the tests follow DOCKER_HOST as strictly.
    String named = System.getenv("DOCKER_HOST");
    URI used = docker.getTransportConfig().getDockerHost();
    if (named != null && !named.isBlank() && !URI.create(named.strip()).equals(used)) {
      return "DOCKER_HOST=" + named + " does not answer (only " + used + " does)";
    }
    return "";
  }
}

package org.bookshelf.testsupport;

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
    // Ask the daemon once per test run: the root store outlives every test class.
    boolean available =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(
                "available", key -> DockerClientFactory.instance().isDockerAvailable(), Boolean.class);
    if (available) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    String what = context.getDisplayName();
    if (TestSettings.dockerRequired()) {
      throw new IllegalStateException(
          "Docker is required (BOOKSHELF_REQUIRE_DOCKER=true) but no Docker engine answers; "
              + "start dockerd or unset the variable. Test: "
              + what);
    }
    System.err.printf(
        "%n*** SKIPPED: %s needs a Docker engine and none answers. "
            + "Start Docker to run it; CI requires it. ***%n%n",
        what);
    return ConditionEvaluationResult.disabled("no Docker engine answers");
  }
}

package org.bookshelf.testsupport;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a test only when a recent enough kubectl runs; see {@link RequiresKubectl}. */
final class KubectlCondition implements ExecutionCondition {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubectlCondition.class);

  private static final String INSTALL =
      "install kubectl 1." + Kubectl.MIN_MINOR + "+ (docs/building.md) or set KUBECTL to its path";

  @Override
  @SuppressWarnings("unchecked")
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    // Ask kubectl once per test run: the root store outlives every test class.
    Optional<Integer> minor =
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("minor", key -> Kubectl.clientMinor(), Optional.class);
    if (minor.isEmpty()) {
      return MissingTool.skipOrFail(
          context.getDisplayName(), "needs kubectl and `" + Kubectl.command() + "` does not run", INSTALL);
    }
    if (minor.get() < Kubectl.MIN_MINOR) {
      return MissingTool.skipOrFail(
          context.getDisplayName(),
          "needs kubectl 1." + Kubectl.MIN_MINOR + "+ and found 1." + minor.get(),
          INSTALL);
    }
    return ConditionEvaluationResult.enabled("kubectl 1." + minor.get());
  }
}

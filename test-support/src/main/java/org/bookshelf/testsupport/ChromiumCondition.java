package org.bookshelf.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a test only when Chromium is installed; see {@link RequiresChromium}. */
final class ChromiumCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Chromium.find().isPresent()) {
      return ConditionEvaluationResult.enabled("Chromium is at " + Chromium.EXECUTABLE);
    }
    return MissingTool.skipOrFail(
        context.getDisplayName(),
        "needs Chromium and none was found (" + Chromium.LOOKED_IN + ")",
        "apt-get install chromium, or set CHROMIUM");
  }
}

package org.bookshelf.testsupport;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a test only when Chromium is installed; see {@link RequiresChromium}. */
final class ChromiumCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Files.isExecutable(Chromium.EXECUTABLE)) {
      return ConditionEvaluationResult.enabled("Chromium is at " + Chromium.EXECUTABLE);
    }
    return MissingTool.skipOrFail(
        context.getDisplayName(),
        "needs Chromium at " + Chromium.EXECUTABLE + " and it is not there",
        "apt-get install chromium");
  }
}

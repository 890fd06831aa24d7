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
    String what = context.getDisplayName();
    if (TestSettings.dockerRequired()) {
      throw new IllegalStateException(
          "The full test environment is required (BOOKSHELF_REQUIRE_DOCKER=true) but "
              + Chromium.EXECUTABLE
              + " is missing; install it (apt-get install chromium) or unset the variable. Test: "
              + what);
    }
    System.err.printf(
        "%n*** SKIPPED: %s needs Chromium at %s and it is not there. "
            + "Install it (apt-get install chromium) to run it; CI requires it. ***%n%n",
        what, Chromium.EXECUTABLE);
    return ConditionEvaluationResult.disabled("no Chromium at " + Chromium.EXECUTABLE);
  }
}

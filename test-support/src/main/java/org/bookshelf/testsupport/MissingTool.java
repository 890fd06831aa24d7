package org.bookshelf.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * What a test does when a tool it needs is missing: skip with one loud line, or fail when the
 * build requires every tool ({@link TestSettings#toolsRequired()}, which CI sets).
 */
public final class MissingTool {

  private MissingTool() {}

  /**
   * Skips (the returned result) or fails (an exception) the test named {@code test}.
   *
   * @param problem what is missing, e.g. "no Docker engine answers"
   * @param fix how to get it, e.g. "start Docker"
   */
  public static ConditionEvaluationResult skipOrFail(String test, String problem, String fix) {
    String message = test + ": " + problem + ". To run it: " + fix + ".";
    if (TestSettings.toolsRequired()) {
      throw new IllegalStateException(
          message + " (Failing, not skipping: " + TestSettings.REQUIRE_TOOLS_ENV + "=true.)");
    }
    System.err.printf(
        "%n*** SKIPPED %s (%s=true makes this an error) ***%n%n",
        message, TestSettings.REQUIRE_TOOLS_ENV);
    return ConditionEvaluationResult.disabled(problem);
  }
}

package org.bookshelf.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a browser test that drives Debian's Chromium ({@link Chromium#EXECUTABLE}) through
 * Playwright. Without it the test is skipped with a loud message, or fails when the build
 * requires every tool ({@code BOOKSHELF_REQUIRE_TOOLS=true}, see {@link MissingTool}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumCondition.class)
public @interface RequiresChromium {}

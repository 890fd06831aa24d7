package org.bookshelf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExecutablesTest {

  @Test
  void a_tool_on_the_path_is_found() {
    assertThat(Executables.find("BOOKSHELF_TEST_UNSET_VARIABLE", "sh")).isPresent();
  }

  @Test
  void a_missing_tool_skips_or_fails_naming_where_it_was_looked_for() {
    Class<? extends Throwable> expected =
        TestSettings.toolsRequired() ? IllegalStateException.class : TestAbortedException.class;

    assertThatThrownBy(
            () ->
                Executables.require(
                    "BOOKSHELF_TEST_UNSET_VARIABLE",
                    "bookshelf-no-such-tool",
                    "This test",
                    "run bookshelf-no-such-tool",
                    "nothing to install",
                    Path.of("/nonexistent/bookshelf-no-such-tool")))
        .isInstanceOf(expected)
        .hasMessageContaining(
            "run bookshelf-no-such-tool and none was found"
                + " (BOOKSHELF_TEST_UNSET_VARIABLE, PATH, /nonexistent/bookshelf-no-such-tool)");
  }
}

package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The vocabulary itself, and docs/api.md's table of it (a copy people read, checked here). */
class ProblemTypeTest {

  private static final Pattern DOC_ROW =
      Pattern.compile("^\\| `(https://bookshelf\\.example/problems/[^`]*)` \\| (\\d{3}) \\| ([^|]+) \\|");

  @Test
  void each_status_has_one_general_type_and_uris_are_unique() {
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri)).doesNotHaveDuplicates();
    for (ProblemType type : ProblemType.values()) {
      assertThat(ProblemType.forStatus(type.status())).as(type.name()).isPresent();
      assertThat(ProblemType.forStatus(type.status()).orElseThrow().status()).isEqualTo(type.status());
    }
    assertThat(ProblemType.forStatus(400)).contains(ProblemType.BAD_REQUEST);
    assertThat(ProblemType.forStatus(418)).isEmpty();
  }

  @Test
  void docs_api_md_lists_every_type_with_its_status_and_title_and_nothing_else() throws Exception {
    List<String> documented =
        Files.readAllLines(Path.of("../docs/api.md")).stream()
            .map(DOC_ROW::matcher)
            .filter(java.util.regex.Matcher::find)
            .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3).trim())
            .toList();

    assertThat(documented)
        .containsExactlyElementsOf(
            Arrays.stream(ProblemType.values())
                .map(t -> t.uri() + " " + t.status() + " " + t.title())
                .toList());
  }
}

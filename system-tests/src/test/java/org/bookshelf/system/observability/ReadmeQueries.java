package org.bookshelf.system.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PromQL queries of the README's observability section: every ```promql block between its
 * heading and the next one, read from the file so the test runs what users read.
 */
final class ReadmeQueries {

  static final String HEADING = "## Observability";

  private ReadmeQueries() {}

  static List<String> from(Path readme) {
    List<String> lines;
    try {
      lines = Files.readAllLines(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> queries = new ArrayList<>();
    boolean inSection = false;
    StringBuilder block = null;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.strip().equals(HEADING);
      } else if (inSection && block == null && line.strip().equals("```promql")) {
        block = new StringBuilder();
      } else if (block != null && line.strip().equals("```")) {
        queries.add(block.toString().strip());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return queries;
  }
}

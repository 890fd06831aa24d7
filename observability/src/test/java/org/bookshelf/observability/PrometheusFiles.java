package org.bookshelf.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the Prometheus files live: observability/prometheus (config, rules/, tests/). */
record PrometheusFiles(Path dir) {

  static PrometheusFiles locate() {
    String module = System.getProperty("bookshelf.observability.dir");
    Path base = module == null || module.isBlank() ? Path.of("").toAbsolutePath() : Path.of(module);
    return new PrometheusFiles(base.resolve("prometheus"));
  }

  Path config() {
    return dir.resolve("prometheus.yml");
  }

  List<Path> ruleFiles() {
    return yamlIn(dir.resolve("rules"));
  }

  List<Path> testFiles() {
    return yamlIn(dir.resolve("tests"));
  }

  /** The repository root (the k8s component lives there). */
  Path repositoryRoot() {
    return dir.getParent().getParent();
  }

  private static List<Path> yamlIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

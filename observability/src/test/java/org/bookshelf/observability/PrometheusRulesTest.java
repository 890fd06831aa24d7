package org.bookshelf.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Prometheus file through the real promtool: {@code check config}, {@code check rules} on
 * each rule file, {@code test rules} on each unit test file; and every alert has a test case in
 * which it fires and one in which it does not.
 */
class PrometheusRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final PrometheusFiles FILES = PrometheusFiles.locate();
  private static Promtool promtool;

  @BeforeAll
  static void promtool() {
    promtool = Promtool.require();
  }

  @Test
  void the_compose_config_is_valid() {
    var result = promtool.run(FILES.dir(), "check", "config", "--syntax-only", FILES.config().toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @TestFactory
  Stream<DynamicTest> every_rule_file_is_valid() {
    assertThat(FILES.ruleFiles()).isNotEmpty();
    return FILES.ruleFiles().stream()
        .map(file -> DynamicTest.dynamicTest("check rules " + file.getFileName(), () -> {
          var result = promtool.run(FILES.dir(), "check", "rules", file.toString());
          assertThat(result.exitCode()).as(result.output()).isZero();
        }));
  }

  @TestFactory
  Stream<DynamicTest> every_unit_test_file_passes() {
    assertThat(FILES.testFiles()).isNotEmpty();
    return FILES.testFiles().stream()
        .map(file -> DynamicTest.dynamicTest("test rules " + file.getFileName(), () -> {
          var result = promtool.run(file.getParent(), "test", "rules", file.getFileName().toString());
          assertThat(result.exitCode()).as(result.output()).isZero();
        }));
  }

  @Test
  void every_alert_is_tested_firing_and_not_firing() throws IOException {
    Set<String> alerts = new TreeSet<>();
    for (Path file : FILES.ruleFiles()) {
      for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("alert")) {
            alerts.add(rule.get("alert").asText());
          }
        }
      }
    }
    Set<String> fired = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Path file : FILES.testFiles()) {
      for (JsonNode test : YAML.readTree(Files.readString(file)).path("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          String name = check.path("alertname").asText();
          (check.path("exp_alerts").isEmpty() ? quiet : fired).add(name);
        }
      }
    }
    assertThat(alerts).isNotEmpty();
    assertThat(fired).as("alerts with a case where they fire").containsAll(alerts);
    assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
  }
}

package org.bookshelf.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jobs the rules name against the jobs the compose config scrapes (no promtool needed): a
 * rule on a renamed or missing job matches nothing, so its alert would stay silent, never fail.
 */
class RuleJobsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern JOB = Pattern.compile("job\\s*=\\s*\"([^\"]+)\"");
  private static final PrometheusFiles FILES = PrometheusFiles.locate();

  @Test
  void every_job_a_rule_names_is_a_scrape_job_of_the_config() throws IOException {
    Set<String> scraped = new TreeSet<>();
    YAML.readTree(FILES.config().toFile()).path("scrape_configs")
        .forEach(job -> scraped.add(job.path("job_name").asText()));
    Set<String> named = new TreeSet<>();
    for (Path file : FILES.ruleFiles()) {
      Matcher matcher = JOB.matcher(Files.readString(file));
      while (matcher.find()) {
        named.add(matcher.group(1));
      }
    }
    assertThat(named).as("jobs named in the rule files").isNotEmpty();
    assertThat(scraped).as("scrape jobs of %s", FILES.config()).containsAll(named);
  }
}

package org.bookshelf.system.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.bookshelf.system.support.ComposeModel;

/**
 * The scrape jobs of the Prometheus config a compose project really runs: the host file its
 * {@code prometheus} service mounts where its {@code --config.file} points. Read from there, so
 * a job added to the config is expected without a list in the tests.
 */
final class ScrapeJobs {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String CONFIG_FLAG = "--config.file=";

  private ScrapeJobs() {}

  /** The job names, {@code projectDir} being where relative mount sources start (compose's). */
  static Set<String> of(ComposeModel model, Path projectDir) {
    Set<String> jobs = new TreeSet<>();
    try {
      for (JsonNode job : YAML.readTree(configFile(model, projectDir).toFile()).path("scrape_configs")) {
        jobs.add(job.path("job_name").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jobs;
  }

  static Path configFile(ComposeModel model, Path projectDir) {
    JsonNode prometheus = model.service("prometheus");
    String inContainer = null;
    for (JsonNode arg : prometheus.path("command")) {
      if (arg.asText().startsWith(CONFIG_FLAG)) {
        inContainer = arg.asText().substring(CONFIG_FLAG.length());
      }
    }
    if (inContainer == null) {
      throw new IllegalStateException("the prometheus service passes no " + CONFIG_FLAG + " in its command");
    }
    for (JsonNode volume : prometheus.path("volumes")) {
      // Short syntax "source:target[:mode]", or the long one with source and target.
      String[] parts = volume.isTextual() ? volume.asText().split(":") : new String[] {
          volume.path("source").asText(), volume.path("target").asText()};
      if (parts.length >= 2 && parts[1].equals(inContainer)) {
        return projectDir.resolve(parts[0]).normalize();
      }
    }
    throw new IllegalStateException("the prometheus service mounts no file at " + inContainer);
  }
}

package org.bookshelf.system.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bookshelf.system.support.ComposeModel;
import org.bookshelf.system.support.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the scrape jobs ObservabilityIT expects up, without Docker. */
class ScrapeJobsTest {

  @Test
  void reads_the_jobs_of_the_file_mounted_where_the_config_flag_points(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("prom"));
    Files.writeString(dir.resolve("prom/decoy.yml"), "scrape_configs: [{job_name: decoy}]\n");
    Files.writeString(dir.resolve("prom/real.yml"), "scrape_configs: [{job_name: a}, {job_name: b}]\n");
    Files.writeString(dir.resolve("compose.yml"), """
        services:
          prometheus:
            command: ["--storage.tsdb.path=/prometheus", "--config.file=/etc/p/main.yml"]
            volumes:
              - ./prom/decoy.yml:/etc/p/other.yml:ro
              - {type: bind, source: ./prom/real.yml, target: /etc/p/main.yml, read_only: true}
        """);

    ComposeModel model = ComposeModel.load(List.of(dir.resolve("compose.yml")), Map.of());

    assertThat(ScrapeJobs.of(model, dir)).containsExactly("a", "b");
  }

  @Test
  void the_stack_mounts_a_config_that_scrapes_prometheus_itself() {
    ComposeModel model = ComposeModel.load(List.of(ProjectFiles.composeFile()), Map.of());

    assertThat(ScrapeJobs.of(model, ProjectFiles.root())).contains("prometheus");
  }
}

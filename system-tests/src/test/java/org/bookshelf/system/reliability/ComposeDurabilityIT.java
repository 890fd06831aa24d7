package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.BookListing;
import org.bookshelf.system.support.ComposeProject;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.ProjectFiles;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged writes survive stopping the whole compose stack and starting it again: in the H2
 * volume, and in PostgreSQL's. Publishes the gateway on 127.0.0.1:8080 like ComposeStackIT, so
 * the two run one after the other (failsafe runs classes in sequence).
 */
@RequiresDocker
class ComposeDurabilityIT {

  private static final URI PUBLISHED = URI.create("http://127.0.0.1:8080");
  private static final int WRITES = 20;

  @Test
  void acknowledged_writes_survive_a_stop_and_start_of_the_h2_stack() {
    survive(new ComposeProject("bookshelf-durability", List.of(ProjectFiles.composeFile()), Map.of()), 3, "H2");
  }

  @Test
  void acknowledged_writes_survive_a_stop_and_start_of_the_postgres_stack() {
    List<Path> files = List.of(ProjectFiles.composeFile(), ProjectFiles.postgresComposeFile());
    survive(new ComposeProject("bookshelf-durability-pg", files, Map.of()), 5, "PostgreSQL");
  }

  private static void survive(ComposeProject project, int services, String variant) {
    project.down(); // leftovers of an interrupted run
    try {
      project.up();
      project.awaitHealthy(services, Duration.ofMinutes(3));
      GatewayClient api = new GatewayClient(PUBLISHED);
      String marker = "durable-" + variant;
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < WRITES; i++) {
        String isbn = Isbns.next();
        String body = "{\"isbn\":\"" + isbn + "\",\"title\":\"" + marker + " " + i + "\",\"author\":\"Durable\"}";
        if (api.post("/books", body, SystemStack.API_KEY).statusCode() == 201) {
          acknowledged.add(isbn);
        }
      }

      long stopping = System.nanoTime();
      project.run("stop");
      project.run("start");
      project.awaitHealthy(services, Duration.ofMinutes(3));
      double back = (System.nanoTime() - stopping) / 1e9;

      var stored = BookListing.books(api, marker).keySet();
      System.out.printf("[reliability] durability (%s): %d of %d writes acknowledged, %d there after stop + start (%.1f s to healthy again)%n",
          variant, acknowledged.size(), WRITES, stored.size(), back);
      assertThat(acknowledged).as("writes acknowledged").hasSize(WRITES);
      assertThat(stored).as("acknowledged writes after stop and start").containsExactlyInAnyOrderElementsOf(acknowledged);
    } finally {
      project.down();
    }
  }
}

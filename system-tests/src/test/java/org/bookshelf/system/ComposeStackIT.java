package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bookshelf.system.support.ComposeProject;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.ProjectFiles;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's way to run the system: the real compose files with the images this build made,
 * answered on http://127.0.0.1:8080, then brought down with their volumes.
 */
@RequiresDocker
class ComposeStackIT {

  private static final URI PUBLISHED = URI.create("http://127.0.0.1:8080");
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

  @BeforeEach
  void port_8080_is_free() {
    try (ServerSocket probe = new ServerSocket(8080, 1, InetAddress.getByName("127.0.0.1"))) {
      probe.close();
    } catch (IOException e) {
      throw new IllegalStateException(
          "port 8080 on 127.0.0.1 is in use, so the compose stack cannot publish its gateway there; "
              + "stop what listens on it (your own stack: docker-compose down) and run again", e);
    }
  }

  @Test
  void docker_compose_yml_comes_up_healthy_answers_on_8080_and_comes_down_with_its_volume() {
    ComposeProject project = new ComposeProject("bookshelf-systest", List.of(ProjectFiles.composeFile()), Map.of());
    runAndRemove(project, 3, api -> {
      HttpResponse<String> books = api.get("/books/1788395549");
      assertThat(books.statusCode()).isEqualTo(200);
      assertThat(books.body()).contains("Learning Node.js Development");
      assertThat(api.get("/").body()).contains("<div id=\"root\"");
      String isbn = Isbns.next();
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "Compose"), null).statusCode()).isEqualTo(401);
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "Compose"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
      assertThat(project.volumes()).as("the named H2 volume").hasSize(1);
    });
  }

  @Test
  void the_postgres_variant_comes_up_with_two_replicas_behind_the_gateway() {
    List<Path> files = List.of(ProjectFiles.composeFile(), ProjectFiles.postgresComposeFile());
    ComposeProject project = new ComposeProject("bookshelf-systest-pg", files, Map.of());
    runAndRemove(project, 5, api -> {
      String isbn = Isbns.next();
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "On PostgreSQL"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> read = api.get("/books/" + isbn);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("On PostgreSQL");
      }
    });
  }

  private static void runAndRemove(ComposeProject project, int services, Consumer<GatewayClient> checks) {
    project.down(); // leftovers of an interrupted run
    try {
      long started = System.nanoTime();
      project.up();
      try {
        project.awaitHealthy(services, HEALTHY_WITHIN);
      } catch (RuntimeException e) {
        throw new AssertionError("not all " + services + " services became healthy: " + project.healthStates() + "\n" + project.logs(), e);
      }
      // Printed, not asserted: speed belongs in benchmarks.
      System.out.printf("[system-tests] compose up to all %d services healthy: %.1f s%n", services, (System.nanoTime() - started) / 1e9);
      assertThat(project.portsByService())
          .as("only the gateway has a port on the host")
          .hasSize(services)
          .allSatisfy(line -> assertThat(line.contains("->")).isEqualTo(line.startsWith("gateway ")))
          .anySatisfy(line -> assertThat(line).startsWith("gateway ").contains("127.0.0.1:8080->8080/tcp"));
      checks.accept(new GatewayClient(PUBLISHED));
    } finally {
      project.down();
    }
    assertThat(project.containerIds()).as("containers after down").isEmpty();
    assertThat(project.volumes()).as("volumes after down -v").isEmpty();
  }
}

package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;

/**
 * The README's way to run the system, from a fresh start to nothing left: the real compose files
 * with the images this build made come up healthy, publish only the gateway (on the port the
 * test picks through BOOKSHELF_PORT; the default 127.0.0.1:8080 is ComposeFilesTest's), answer,
 * and `down -v` removes every container and volume. Its own projects, not the shared stacks.
 */
@RequiresDocker
class ComposeStackIT {

  @Test
  void docker_compose_yml_comes_up_healthy_answers_on_its_published_port_and_comes_down_with_its_volume() {
    SystemStack stack = SystemStack.start("lifecycle", SystemStack.Variant.H2, Map.of());
    runAndRemove(stack, api -> {
      HttpResponse<String> books = api.get("/books/1788395549");
      assertThat(books.statusCode()).isEqualTo(200);
      assertThat(books.body()).contains("Learning Node.js Development");
      assertThat(api.get("/").body()).contains("<div id=\"root\"");
      String isbn = Isbns.next();
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "Compose"), null).statusCode()).isEqualTo(401);
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "Compose"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
      // The H2 volume, Keycloak's H2, the gateway's metrics log; docker-compose 1.29 also creates the volumes of
      // services whose profile is off (prometheus-data).
      assertThat(stack.project().volumes()).as("the named volumes")
          .anyMatch(volume -> volume.endsWith("_books-data"))
          .anyMatch(volume -> volume.endsWith("_identity-data"))
          .anyMatch(volume -> volume.endsWith("_metrics-log"));
    });
  }

  @Test
  void the_postgres_variant_comes_up_with_two_replicas_behind_the_gateway() {
    SystemStack stack = SystemStack.start("lifecycle-pg", SystemStack.Variant.POSTGRES, Map.of());
    assertThat(stack.replicas()).as("books-service replicas").isEqualTo(2);
    runAndRemove(stack, api -> {
      String isbn = Isbns.next();
      assertThat(api.post("/books", GatewayApiIT.book(isbn, "On PostgreSQL"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> read = api.get("/books/" + isbn);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("On PostgreSQL");
      }
    });
  }

  private static void runAndRemove(SystemStack stack, Consumer<GatewayClient> checks) {
    int services = stack.model().serviceNames().size();
    try {
      assertThat(stack.project().portsByService())
          .as("only the gateway has a port on the host")
          .hasSize(services)
          .allSatisfy(line -> assertThat(line.contains("->")).isEqualTo(line.startsWith("gateway ")))
          .anySatisfy(line -> assertThat(line).startsWith("gateway ").contains("127.0.0.1:" + stack.port() + "->8080/tcp"));
      checks.accept(stack.client());
    } finally {
      stack.close();
    }
    assertThat(stack.project().containerIds()).as("containers after down").isEmpty();
    assertThat(stack.project().volumes()).as("volumes after down -v").isEmpty();
  }
}

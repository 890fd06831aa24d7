package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compose's PostgreSQL variant: two books-service replicas on one database behind the gateway.
 * The replica-loss test runs last because it stops a replica (the shared stack brings it back
 * for the next class).
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasOnPostgresIT {

  private static final int READS = 20;
  private static SystemStack stack;
  private static GatewayClient api;

  @BeforeAll
  static void connect(@SharedStack.OnPostgres SystemStack shared) {
    stack = shared;
    api = stack.client();
  }

  @Test
  @Order(1)
  void a_book_written_through_the_gateway_is_read_back_by_both_replicas() {
    String isbn = Isbns.next();
    assertThat(api.post("/books", GatewayApiIT.book(isbn, "Shared by replicas"), SystemStack.API_KEY).statusCode()).isEqualTo(201);

    List<String> requestIds = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < READS; i++) {
      String requestId = "replica-read-" + UUID.randomUUID();
      HttpResponse<String> response = api.send(api.request("/books/" + isbn).header("X-Request-ID", requestId).GET());
      assertThat(response.statusCode()).isEqualTo(200);
      requestIds.add(requestId);
      bodies.add(response.body());
    }

    assertThat(bodies).as("every replica returns the same book").containsOnly(bodies.get(0));
    assertThat(bodies.get(0)).contains("Shared by replicas");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (int replica = 1; replica <= 2; replica++) {
                String logs = stack.booksService(replica).logs();
                assertThat(requestIds.stream().filter(logs::contains))
                    .as("reads answered by %s", stack.replicaName(replica))
                    .isNotEmpty();
              }
            });
  }

  @Test
  @Order(2)
  void reads_keep_succeeding_after_a_replica_stops() {
    String isbn = Isbns.next();
    assertThat(api.post("/books", GatewayApiIT.book(isbn, "Survives a replica"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
    for (int i = 0; i < 4; i++) {
      assertThat(api.get("/books/" + isbn).statusCode()).isEqualTo(200);
    }

    stack.stopReplica(2);

    for (int i = 0; i < READS; i++) {
      HttpResponse<String> response = api.get("/books/" + isbn);
      assertThat(response.statusCode()).as("GET %d after the replica stopped", i + 1).isEqualTo(200);
      assertThat(response.body()).contains("Survives a replica");
    }
    assertThat(api.get("/books").statusCode()).isEqualTo(200);
  }
}

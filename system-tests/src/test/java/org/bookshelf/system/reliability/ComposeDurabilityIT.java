package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.BookListing;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acknowledged writes survive `compose stop` and `compose start` of the whole stack: in the H2
 * volume, and in PostgreSQL's. Runs on the shared stacks, which are whole again afterwards.
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class ComposeDurabilityIT {

  private static final int WRITES = 20;

  @Test
  void acknowledged_writes_survive_a_stop_and_start_of_the_h2_stack(SystemStack stack) {
    survive(stack, "H2");
  }

  @Test
  void acknowledged_writes_survive_a_stop_and_start_of_the_postgres_stack(@SharedStack.OnPostgres SystemStack stack) {
    survive(stack, "PostgreSQL");
  }

  private static void survive(SystemStack stack, String variant) {
    GatewayClient api = stack.client();
    String marker = "durable-" + variant + "-" + Isbns.next();
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      String isbn = Isbns.next();
      String body = "{\"isbn\":\"" + isbn + "\",\"title\":\"" + marker + " " + i + "\",\"author\":\"Durable\"}";
      if (api.post("/books", body, SystemStack.API_KEY).statusCode() == 201) {
        acknowledged.add(isbn);
      }
    }

    long stopping = System.nanoTime();
    stack.stop();
    stack.start();
    double back = (System.nanoTime() - stopping) / 1e9;

    var stored = BookListing.books(api, marker).keySet();
    System.out.printf("[reliability] durability (%s): %d of %d writes acknowledged, %d there after stop + start (%.1f s to healthy again)%n",
        variant, acknowledged.size(), WRITES, stored.size(), back);
    if (!stored.equals(new HashSet<>(acknowledged))) {
      // What answered the listing, and what books-service did across the restart.
      System.out.println("[reliability] durability (" + variant + ") mismatch; ports: " + stack.project().portsByService());
      stack.gateway().logs().lines().filter(line -> line.contains("durable-")).forEach(line -> System.out.println("[reliability]   gateway: " + line));
      List<String> serviceLog = stack.booksService(1).logs().lines().toList();
      serviceLog.subList(Math.max(0, serviceLog.size() - 40), serviceLog.size())
          .forEach(line -> System.out.println("[reliability]   books-service: " + line));
    }
    assertThat(acknowledged).as("writes acknowledged").hasSize(WRITES);
    assertThat(stored).as("acknowledged writes after stop and start").containsExactlyInAnyOrderElementsOf(acknowledged);
  }
}

package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.ApiLoad;
import org.bookshelf.system.support.BookListing;
import org.bookshelf.system.support.ContainerHttp;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.LoadReport;
import org.bookshelf.system.support.Pause;
import org.bookshelf.system.support.ServiceMetrics;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on compose's PostgreSQL variant (two books-service replicas behind the gateway, the
 * shared stack with the rate limits out of the way) under steady load through the gateway: a
 * rolling restart, a crash, a database restart. Each test starts from both replicas serving.
 * Figures are printed, never asserted as timings.
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaFaultsIT {

  /** Seeded by the first start: every GET of the load reads it. */
  private static final String SEEDED = "1788395549";
  private static final int THREADS = 3;
  private static final int WRITE_EVERY = 5;
  private static final int MAX_REQUESTS = 6000;
  private static final Duration MAX_LOAD = Duration.ofSeconds(150);

  private static SystemStack stack;
  private static GatewayClient api;

  @BeforeAll
  static void connect(@SharedStack.OnPostgres SystemStack shared) {
    stack = shared;
    api = stack.client();
  }

  @BeforeEach
  void both_replicas_serve() {
    for (int n = 1; n <= stack.replicas(); n++) {
      awaitServing(n);
    }
  }

  @Test
  @Order(1)
  void rolling_restart_of_both_replicas_under_load_fails_no_request_and_loses_no_write() {
    FaultRun run =
        underLoad("rolling", "rolling restart", () -> {
          for (int n = 1; n <= 2; n++) {
            long replacing = System.nanoTime();
            stack.replaceReplica(n);
            awaitServing(n);
            System.out.printf("[reliability] rolling restart: %s replaced and serving through the gateway after %.1f s%n",
                stack.replicaName(n), (System.nanoTime() - replacing) / 1e9);
          }
          Pause.of(Duration.ofSeconds(2));
        });
    LoadReport report = run.report();
    printGatewayErrors();

    assertThat(run.outlastedFault()).as("the load outlasted the restarts (raise its bounds otherwise)").isTrue();
    assertThat(report.failures()).as("failed requests").isEmpty();
    assertThat(BookListing.books(api, run.marker()).keySet())
        .as("stored books of this run = acknowledged POSTs")
        .containsExactlyInAnyOrderElementsOf(report.acknowledged());
  }

  @Test
  @Order(2)
  void killed_replica_under_load_keeps_gets_succeeding_and_applies_no_post_twice() {
    FaultRun run =
        underLoad("crash", "SIGKILL of a replica", () -> {
          stack.killReplica(2);
          Pause.of(Duration.ofSeconds(8)); // one replica left: the gateway must notice and route around
        });
    LoadReport report = run.report();
    printGatewayErrors();

    Map<String, ?> stored = BookListing.books(api, run.marker()); // throws if an ISBN were listed twice
    Set<String> unknownStored = new HashSet<>(report.unknown());
    unknownStored.retainAll(stored.keySet());
    System.out.printf("[reliability] SIGKILL: %d POSTs acknowledged, %d without an answer or 5xx (%d of them stored once, %d absent)%n",
        report.acknowledged().size(), report.unknown().size(), unknownStored.size(), report.unknown().size() - unknownStored.size());
    stack.replaceReplica(2); // the next test starts with two replicas again

    assertThat(run.outlastedFault()).as("the load outlasted the fault (raise its bounds otherwise)").isTrue();
    assertThat(report.failures("GET")).as("failed GETs (the gateway retries them on the other replica)").isEmpty();
    assertThat(report.refusedPosts()).as("POSTs of fresh ISBNs refused (a 409 would be a replayed write)").isEmpty();
    assertStoredBooksMatch(stored, report);
  }

  @Test
  @Order(3)
  void database_restart_under_load_drops_readiness_recovers_within_10_s_and_loses_no_acknowledged_write() {
    FaultRun run = underLoad("db-restart", "PostgreSQL restart", () -> {
      long stopped = System.nanoTime();
      stack.stopPostgres();
      for (int n = 1; n <= stack.replicas(); n++) {
        int replica = n;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(readiness(replica)).as("readiness of %s with the database down", stack.replicaName(replica)).isEqualTo(503));
      }
      System.out.printf("[reliability] database restart: readiness of both replicas down %.1f s after PostgreSQL stopped%n", (System.nanoTime() - stopped) / 1e9);
      Pause.of(Duration.ofSeconds(2));

      stack.startPostgres();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(ReplicaFaultsIT::postgresAcceptsConnections);
      long databaseBack = System.nanoTime();
      // The recovery bound: the service answers again within 10 s of the database being back.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                for (int n = 1; n <= stack.replicas(); n++) {
                  assertThat(readiness(n)).as("readiness of %s", stack.replicaName(n)).isEqualTo(200);
                }
                assertThat(api.get("/books/" + SEEDED).statusCode()).isEqualTo(200);
              });
      System.out.printf("[reliability] database restart: service ready and answering %.1f s after PostgreSQL accepted connections again%n",
          (System.nanoTime() - databaseBack) / 1e9);
      Pause.of(Duration.ofSeconds(3));
    });
    LoadReport report = run.report();

    assertThat(run.outlastedFault()).as("the load outlasted the restart (raise its bounds otherwise)").isTrue();
    System.out.printf("[reliability] database restart: %d answers 502, %d answers 503%n",
        report.failures().stream().filter(o -> o.status() == 502).count(),
        report.failures().stream().filter(o -> o.status() == 503).count());
    // The service's 503 (Retry-After) reaches clients: the gateway marks no replica down for it,
    // so no 502 "no live upstreams" either.
    assertThat(report.failures().stream().filter(o -> o.status() != 503))
        .as("failures other than the service's 503 while the database was down").isEmpty();
    assertStoredBooksMatch(BookListing.books(api, run.marker()), report);
  }

  /** What a load run with a fault in it left behind. */
  private record FaultRun(String marker, boolean outlastedFault, LoadReport report) {}

  /**
   * Steady load through the gateway (GETs and POSTs of books marked for this run), the fault two
   * seconds into it, then the load stopped and its summary printed.
   */
  private static FaultRun underLoad(String test, String label, Runnable fault) {
    String marker = marker(test);
    ApiLoad load = ApiLoad.start(api, marker, Isbns::next, SEEDED, THREADS, WRITE_EVERY, MAX_REQUESTS, MAX_LOAD);
    Pause.of(Duration.ofSeconds(2));
    long faultAt = System.nanoTime();
    fault.run();
    boolean outlasted = load.running();
    LoadReport report = load.stop();
    System.out.println(report.summary(label, faultAt));
    return new FaultRun(marker, outlasted, report);
  }

  /** Every acknowledged POST is stored, and nothing is stored that no POST of the run could write. */
  private static void assertStoredBooksMatch(Map<String, ?> stored, LoadReport report) {
    assertThat(stored.keySet()).as("every acknowledged POST is stored").containsAll(report.acknowledged());
    Set<String> unexplained = new HashSet<>(stored.keySet());
    unexplained.removeAll(report.acknowledged());
    unexplained.removeAll(report.unknown());
    assertThat(unexplained).as("stored books that no POST of this run could have written").isEmpty();
  }

  /** The gateway's access-log lines of 5xx answers, to tell which upstream failed how. */
  private static void printGatewayErrors() {
    stack.gateway().logs().lines()
        .filter(line -> line.matches(".*\"status\":\"?5\\d\\d.*"))
        .limit(12)
        .forEach(line -> System.out.println("[reliability]   gateway: " + line));
  }

  private static int readiness(int replica) {
    return ContainerHttp.status(stack.booksService(replica), 5000, "/health/ready");
  }

  private static boolean postgresAcceptsConnections() {
    return stack.postgres().exec("pg_isready", "-h", "127.0.0.1", "-p", "5432").exitCode() == 0;
  }

  /** Replica n is healthy and has answered API requests through the gateway. */
  private static void awaitServing(int n) {
    long before = ServiceMetrics.apiRequests(stack.booksService(n), "GET");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              api.get("/books/" + SEEDED);
              assertThat(ServiceMetrics.apiRequests(stack.booksService(n), "GET"))
                  .as("GETs answered by %s", stack.replicaName(n))
                  .isGreaterThan(before);
            });
  }

  private static String marker(String test) {
    return test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

package org.bookshelf.system.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bookshelf.system.Isbns;
import org.bookshelf.system.support.ApiLoad;
import org.bookshelf.system.support.BookListing;
import org.bookshelf.system.support.Commands;
import org.bookshelf.system.support.GatewayClient;
import org.bookshelf.system.support.LoadReport;
import org.bookshelf.system.support.Pause;
import org.bookshelf.system.support.SharedStack;
import org.bookshelf.system.support.SystemStack;
import org.bookshelf.testsupport.RequiresDocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The restore drill of docs/operations.md, on each store, with tools/backup.sh and
 * tools/restore.sh as an operator runs them: writes through the gateway, a backup while they
 * go on, the volumes deleted ({@code down -v}), the stack started empty, the backup restored.
 * Every write acknowledged before the backup started is back byte for byte, and nothing is there
 * that was never written. Then a truncated backup and one from a newer schema are refused and
 * change nothing. Across stores: an H2 backup restores into the PostgreSQL stack and a
 * PostgreSQL backup into the H2 one, each giving exactly the books the other held. Runs on the shared stacks, which end with their data (seeded books included)
 * restored; seeding stays off for them from then on, which the restored history makes moot.
 */
@RequiresDocker
@ExtendWith(SharedStack.class)
class RestoreDrillIT {

  private static final long TOOL_TIMEOUT_SECONDS = 180;
  /** tar's block size. */
  private static final int TAR_BLOCK = 512;

  @Test
  void h2_backup_under_writes_restores_every_acknowledged_write_into_an_empty_stack(SystemStack stack) throws IOException {
    drill(stack, "h2");
  }

  @Test
  void postgres_backup_under_writes_restores_every_acknowledged_write_into_an_empty_stack(
      @SharedStack.OnPostgres SystemStack stack) throws IOException {
    drill(stack, "postgresql");
  }

  @Test
  void a_backup_of_either_store_restores_into_the_other_with_the_same_books(
      SystemStack h2, @SharedStack.OnPostgres SystemStack postgres) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "backups", "cross")).toAbsolutePath();
    // Given a book only each store holds, and a backup of each.
    String onH2 = Isbns.next();
    String onPostgres = Isbns.next();
    assertThat(h2.client().post("/books", book(onH2, "Only on H2"), SystemStack.API_KEY).statusCode()).isEqualTo(201);
    assertThat(postgres.client().post("/books", book(onPostgres, "Only on PostgreSQL"), SystemStack.API_KEY)
        .statusCode()).isEqualTo(201);
    Map<String, String> h2Books = bodies(h2, h2.client());
    Map<String, String> postgresBooks = bodies(postgres, postgres.client());
    Path h2File = lastLine(h2.tool("backup.sh", TOOL_TIMEOUT_SECONDS, dir.toString()));
    Path postgresFile = lastLine(postgres.tool("backup.sh", TOOL_TIMEOUT_SECONDS, dir.toString()));

    // When each is restored into the other store.
    long started = System.nanoTime();
    Commands.Result intoPostgres = postgres.tool("restore.sh", TOOL_TIMEOUT_SECONDS, "--replace", h2File.toString());
    double intoPostgresSeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    Commands.Result intoH2 = h2.tool("restore.sh", TOOL_TIMEOUT_SECONDS, "--replace", postgresFile.toString());
    double intoH2Seconds = (System.nanoTime() - started) / 1e9;

    // Then each store holds exactly what the other held, byte for byte through the API.
    System.out.printf("[drill] cross-store: H2 -> PostgreSQL %d books in %.1f s, PostgreSQL -> H2 %d books in %.1f s%n",
        h2Books.size(), intoPostgresSeconds, postgresBooks.size(), intoH2Seconds);
    assertThat(intoPostgres.exitCode()).as("restore.sh into PostgreSQL: %s", intoPostgres.output()).isZero();
    assertThat(intoH2.exitCode()).as("restore.sh into H2: %s", intoH2.output()).isZero();
    assertThat(bodies(postgres, postgres.client())).as("PostgreSQL after the H2 backup").isEqualTo(h2Books)
        .containsKey(onH2).doesNotContainKey(onPostgres);
    assertThat(bodies(h2, h2.client())).as("H2 after the PostgreSQL backup").isEqualTo(postgresBooks)
        .containsKey(onPostgres).doesNotContainKey(onH2);
  }

  private static Path lastLine(Commands.Result backup) {
    assertThat(backup.exitCode()).as("backup.sh: %s", backup.output()).isZero();
    return Path.of(backup.output().strip().lines().reduce((first, last) -> last).orElseThrow());
  }

  private static String book(String isbn, String title) {
    return "{\"isbn\":\"" + isbn + "\",\"title\":\"" + title + "\",\"author\":\"Drill\"}";
  }

  private static void drill(SystemStack stack, String store) throws IOException {
    GatewayClient api = stack.client();
    Path dir = Files.createDirectories(Path.of("target", "backups", store)).toAbsolutePath();

    // Given writes under light load, and a backup taken while they go on.
    ApiLoad load = ApiLoad.start(api, "drill-" + store + "-" + Isbns.next(), Isbns::next, "9781788395540",
        1, 3, 2000, Duration.ofSeconds(120));
    Pause.of(Duration.ofSeconds(3));
    long backupStarted = System.nanoTime();
    Commands.Result backup = stack.tool("backup.sh", TOOL_TIMEOUT_SECONDS, dir.toString());
    double backupSeconds = (System.nanoTime() - backupStarted) / 1e9;
    Pause.of(Duration.ofSeconds(1));
    LoadReport report = load.stop();
    assertThat(backup.exitCode()).as("backup.sh: %s", backup.output()).isZero();
    Path file = Path.of(backup.output().strip().lines().reduce((first, last) -> last).orElseThrow());
    assertThat(backup.output()).contains(store);

    Set<String> acknowledgedBefore = report.outcomes().stream()
        .filter(o -> o.method().equals("POST") && o.status() == 201 && o.answeredNanos() < backupStarted)
        .map(ApiLoad.Outcome::isbn)
        .collect(Collectors.toSet());
    Map<String, String> before = new LinkedHashMap<>();
    for (String isbn : BookListing.books(api, null).keySet()) {
      before.put(isbn, api.get("/books/" + isbn).body());
    }

    // When the volumes are gone, the stack starts empty and the backup is restored.
    stack.recreateEmpty();
    assertThat(BookListing.books(api, null)).as("books in the recreated, unseeded stack").isEmpty();
    long restoreStarted = System.nanoTime();
    Commands.Result restore = stack.tool("restore.sh", TOOL_TIMEOUT_SECONDS, file.toString());
    double restoreSeconds = (System.nanoTime() - restoreStarted) / 1e9;
    assertThat(restore.exitCode()).as("restore.sh: %s", restore.output()).isZero();
    Map<String, String> restored = bodies(stack, api);

    System.out.printf("[drill] %s: %d writes acknowledged before the backup (%d POSTs in all), backup %.1f s (%d bytes), "
            + "restore into the empty stack %.1f s; %d books before, %d after%n",
        store, acknowledgedBefore.size(), report.sent("POST"), backupSeconds, Files.size(file), restoreSeconds,
        before.size(), restored.size());
    // Then every write acknowledged before the backup is there, byte for byte ...
    assertThat(acknowledgedBefore).as("writes acknowledged before the backup").isNotEmpty();
    for (String isbn : acknowledgedBefore) {
      assertThat(restored.get(isbn)).as("book %s after the restore", isbn).isEqualTo(before.get(isbn));
    }
    // ... and nothing that was never written: each restored book is one the store held, unchanged.
    assertThat(before.keySet()).as("books the store held before").containsAll(restored.keySet());
    restored.forEach((isbn, body) -> assertThat(body).as("book %s", isbn).isEqualTo(before.get(isbn)));

    // A truncated backup and one from a newer schema are refused, and the store stays as it is.
    Path truncated = truncatedCopy(file, dir);
    Commands.Result refusedTruncated = stack.tool("restore.sh", TOOL_TIMEOUT_SECONDS, "--replace", truncated.toString());
    Path newer = withSchemaVersion(file, dir, "999");
    Commands.Result refusedNewer = stack.tool("restore.sh", TOOL_TIMEOUT_SECONDS, "--replace", newer.toString());
    Commands.Result refusedNotEmpty = stack.tool("restore.sh", TOOL_TIMEOUT_SECONDS, file.toString());

    assertThat(refusedTruncated.exitCode()).as(refusedTruncated.output()).isNotZero();
    assertThat(refusedTruncated.output()).contains("truncated").contains("nothing was changed");
    assertThat(refusedNewer.exitCode()).as(refusedNewer.output()).isNotZero();
    assertThat(refusedNewer.output()).contains("schema version 999, newer than this image knows");
    assertThat(refusedNotEmpty.exitCode()).as(refusedNotEmpty.output()).isNotZero();
    assertThat(refusedNotEmpty.output()).contains("--replace");
    assertThat(bodies(stack, api)).as("the store after the refused restores").isEqualTo(restored);
  }

  /**
   * Every stored book as GET /books/{isbn} answers it. The shared stack holds hundreds of books by
   * now, more than the gateway's read burst: a 429 is waited out (its Retry-After), never compared.
   */
  private static Map<String, String> bodies(SystemStack stack, GatewayClient api) {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String isbn : BookListing.books(api, null).keySet()) {
      var response = api.get("/books/" + isbn);
      while (response.statusCode() == 429) {
        Pause.of(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
        response = api.get("/books/" + isbn);
      }
      assertThat(response.statusCode()).as("GET /books/%s", isbn).isEqualTo(200);
      bodies.put(isbn, response.body());
    }
    return bodies;
  }

  /** The backup cut in the middle of its payload, as a full disk or an interrupted copy leaves it. */
  private static Path truncatedCopy(Path file, Path dir) throws IOException {
    byte[] whole = Files.readAllBytes(file);
    // tar: MANIFEST's header block and its one data block, then the payload's header and data.
    String manifest = new String(whole, TAR_BLOCK, TAR_BLOCK, StandardCharsets.UTF_8);
    long payloadBytes = manifest.lines().filter(l -> l.startsWith("payload_bytes="))
        .mapToLong(l -> Long.parseLong(l.substring("payload_bytes=".length()))).findFirst().orElseThrow();
    int cut = (int) (3 * TAR_BLOCK + payloadBytes / 2);
    Path truncated = dir.resolve("truncated.tar");
    Files.write(truncated, java.util.Arrays.copyOf(whole, cut));
    return truncated;
  }

  /** The same backup with its MANIFEST claiming another schema version (made with tar, as an operator could). */
  private static Path withSchemaVersion(Path file, Path dir, String version) throws IOException {
    Path work = Files.createDirectories(dir.resolve("newer-" + version));
    run(List.of("tar", "-xf", file.toString(), "-C", work.toString()));
    Path manifest = work.resolve("MANIFEST");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      lines.add(line.startsWith("schema_version=") ? "schema_version=" + version : line);
    }
    Files.write(manifest, lines, StandardCharsets.UTF_8);
    Path newer = dir.resolve("newer-schema.tar");
    List<String> members = new ArrayList<>(List.of("tar", "-cf", newer.toString(), "-C", work.toString(), "MANIFEST"));
    try (var payload = Files.list(work)) {
      payload.map(p -> p.getFileName().toString()).filter(n -> !n.equals("MANIFEST")).forEach(members::add);
    }
    run(members);
    return newer;
  }

  private static void run(List<String> command) {
    Commands.run(command, Path.of("."), Map.of(), 60).orThrow(command);
  }
}

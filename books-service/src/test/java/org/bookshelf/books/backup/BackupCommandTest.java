package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.books.db.Migrations;
import org.bookshelf.service.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command the Kubernetes backup CronJob and restore Job run, on an H2 file store. */
class BackupCommandTest {

  @TempDir Path store;
  @TempDir Path backups;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Map<String, String> env;

  @BeforeEach
  void aStoreWithTheSeededBooks() {
    env = Map.of(
        "DB_URL", "jdbc:h2:file:" + store.resolve("books") + ";DB_CLOSE_ON_EXIT=FALSE",
        "DATA_DIR", backups.toString());
    try (HikariDataSource dataSource = DataSources.create(ServiceConfig.from(env), Metrics.newRegistry())) {
      Migrations.run(dataSource, true);
    }
  }

  @Test
  void backups_are_named_by_time_and_only_the_newest_are_kept() throws IOException {
    for (int hour = 1; hour <= 3; hour++) {
      assertThat(run(at(hour), Map.of("BACKUP_KEEP", "2"), "backup")).as(err.toString()).isZero();
    }

    assertThat(manifests()).containsExactly("books-20261208T020000Z.manifest", "books-20261208T030000Z.manifest");
    assertThat(out.toString()).contains("2 books", "removed books-20261208T010000Z");
  }

  @Test
  void a_named_backup_is_restored_by_name() {
    run(at(1), "backup");
    run(at(2), "backup");

    assertThat(run(at(3), Map.of("BACKUP_RESTORE_NAME", "books-20261208T010000Z", "BACKUP_RESTORE_REPLACE", "true"), "restore"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("books-20261208T010000Z restored");
  }

  @Test
  void a_restore_over_stored_books_needs_replace_and_then_takes_the_newest() {
    run(at(1), "backup");

    assertThat(run(at(2), "restore")).isEqualTo(1);
    assertThat(err.toString()).contains("--replace", "nothing was changed");
    assertThat(run(at(2), Map.of("BACKUP_RESTORE_REPLACE", "true"), "restore")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("books-20261208T010000Z restored, 2 books");
    assertThat(err.toString()).contains("WARNING", "cannot tell a tampered");
  }

  @Test
  void a_file_that_is_not_a_backup_is_refused_and_nothing_changes() throws IOException {
    Files.writeString(backups.resolve("books-20261208T090000Z.manifest"), "CALL FILE_WRITE('x', '/tmp/pwned');\n");
    Files.writeString(backups.resolve("books-20261208T090000Z.books.ndjson"), "DROP ALL OBJECTS;\n");

    assertThat(run(at(10), Map.of("BACKUP_RESTORE_REPLACE", "true"), "restore")).isEqualTo(1);
    assertThat(run(at(10), "backup")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("2 books");
  }

  @Test
  void an_unknown_command_or_option_is_a_usage_error() {
    assertThat(run(at(1), "drop")).isEqualTo(2);
    assertThat(err.toString()).contains("usage");
    assertThat(run(at(1), Map.of("BACKUP_KEEP", "none"), "backup")).isEqualTo(2);
    assertThat(err.toString()).contains("BACKUP_KEEP='none'");
  }

  private int run(Clock clock, String... args) {
    return run(clock, Map.of(), args);
  }

  private int run(Clock clock, Map<String, String> options, String... args) {
    var command = new BackupCommand(
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    var environment = new java.util.HashMap<>(env);
    environment.putAll(options);
    return command.run(List.of(args), environment);
  }

  private static Clock at(int hour) {
    return Clock.fixed(Instant.parse("2026-12-08T00:00:00Z").plusSeconds(3600L * hour), ZoneOffset.UTC);
  }

  private List<String> manifests() throws IOException {
    try (Stream<Path> files = Files.list(backups)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".manifest")).sorted().toList();
    }
  }
}

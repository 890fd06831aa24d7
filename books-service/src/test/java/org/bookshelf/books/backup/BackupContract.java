package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Logical backup and restore, and every hostile file the restore must refuse (the store
 * unchanged) or store as inert text, run against each database (H2 and PostgreSQL subclasses).
 */
public abstract class BackupContract extends BackupFixture {

  @Test
  void backup_then_restore_over_later_changes_brings_back_every_book_exactly() throws Exception {
    List<String> before = rows(dataSource);
    BackupManifest manifest = backups.backup("b1");
    execute(dataSource, "UPDATE books SET title = 'changed'");
    execute(dataSource, "DELETE FROM books WHERE isbn = '9780306406157'");

    Backups.Restored restored = backups.restore("b1", true);

    assertThat(manifest.books()).isEqualTo(3);
    assertThat(restored.books()).isEqualTo(3);
    assertThat(rows(dataSource)).isEqualTo(before);
  }

  @Test
  void a_check_accepts_a_good_backup_and_changes_nothing() throws Exception {
    backups.backup("b1");
    execute(dataSource, "DELETE FROM books WHERE isbn = '9780306406157'");
    List<String> before = rows(dataSource);

    assertThat(backups.check("b1", true).books()).isEqualTo(3);
    assertThat(rows(dataSource)).isEqualTo(before);
  }

  @Test
  void sql_in_field_values_is_stored_and_restored_as_inert_text() throws Exception {
    backups.backup("b1");
    execute(dataSource, "DELETE FROM books");

    backups.restore("b1", false);

    assertThat(rows(dataSource)).anyMatch(row -> row.contains(SQL_TITLE) && row.contains(SQL_AUTHOR));
    assertThat(dir.resolve("pwned.txt")).doesNotExist();
  }

  @Test
  void backup_lines_are_the_api_fields_in_isbn_order() throws Exception {
    backups.backup("b1");

    List<String> lines = Files.readAllLines(dir.resolve("b1.books.ndjson"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("{\"isbn\":\"9780306406157\",\"title\":\"Kept\",\"author\":\"Author A\","
        + "\"publicationYear\":1999,\"version\":3,\"createdAt\":\"2026-01-01T10:00:00.123456Z\","
        + "\"updatedAt\":\"2026-01-01T10:01:00.123456Z\",\"createdBy\":\"alice\",\"updatedBy\":\"bob\"}");
    assertThat(Files.readString(dir.resolve("b1.manifest"))).startsWith("format=bookshelf-backup/2\n")
        .contains("books=3\n").doesNotContain("signature=");
  }

  @Test
  void h2_script_renamed_as_payload_is_refused_at_line_1_and_never_run() throws Exception {
    Path pwned = dir.resolve("pwned.txt");
    byte[] script = ("CALL FILE_WRITE(STRINGTOUTF8('pwned'), '" + pwned + "');\n"
        + "CREATE ALIAS EXEC FOR \"java.lang.Runtime.exec(java.lang.String)\";\n").getBytes(StandardCharsets.UTF_8);
    files.write("evil", script, 2);

    assertRefusedUnchanged("evil", "line 1: not a JSON object");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void manifest_lying_about_the_count_is_refused() throws Exception {
    backups.backup("b1");
    byte[] payload = files.payload("b1");
    files.write("fewer", payload, 2);
    files.write("more", payload, 4);

    assertRefusedUnchanged("fewer", "more books than its MANIFEST says (2)");
    assertRefusedUnchanged("more", "it holds 3 books; its MANIFEST says 4");
  }

  @Test
  void payload_ten_times_the_manifest_size_is_refused_without_reading_it_all() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int n = 1; n <= 100; n++) {
      lines.append(line(generated(n), "Title " + n)).append('\n');
    }
    byte[] payload = lines.toString().getBytes(StandardCharsets.UTF_8);
    BackupManifest honest = BackupFiles.manifestFor(payload, 100);
    files.write("big", payload, new BackupManifest(honest.schemaVersion(), 100, payload.length / 10,
        honest.payloadSha256(), honest.created(), "h2", Optional.empty()));

    assertRefusedUnchanged("big", "bigger than its MANIFEST says");
  }

  @Test
  void line_of_ten_megabytes_is_refused_with_its_number() throws Exception {
    byte[] first = (line("9780306406157", "ok") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'a');
    huge[huge.length - 1] = '\n';
    byte[] payload = new byte[first.length + huge.length];
    System.arraycopy(first, 0, payload, 0, first.length);
    System.arraycopy(huge, 0, payload, first.length, huge.length);
    files.write("huge", payload, 2);

    assertRefusedUnchanged("huge", "line 2 is longer than 65536 bytes");
  }

  @Test
  void invalid_utf8_is_refused_with_its_line_number() throws Exception {
    byte[] good = (line("9780306406157", "ok") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = (line("9781788395540", "bad XX") + "\n").getBytes(StandardCharsets.UTF_8);
    int at = new String(bad, StandardCharsets.UTF_8).indexOf("XX");
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28;
    byte[] payload = new byte[good.length + bad.length];
    System.arraycopy(good, 0, payload, 0, good.length);
    System.arraycopy(bad, 0, payload, good.length, bad.length);
    files.write("utf8", payload, 2);

    assertRefusedUnchanged("utf8", "line 2 is not valid UTF-8");
  }

  @Test
  void isbn_with_a_bad_check_digit_is_refused() throws Exception {
    files.write("isbn", (line("9780306406157", "ok") + "\n" + line("9780306406158", "bad") + "\n")
        .getBytes(StandardCharsets.UTF_8), 2);

    assertRefusedUnchanged("isbn", "line 2: isbn is not a valid ISBN-10 or ISBN-13");
  }

  @Test
  void a_field_over_the_api_limit_is_refused() throws Exception {
    files.write("long", (line("9780306406157", "t".repeat(201)) + "\n").getBytes(StandardCharsets.UTF_8), 1);

    assertRefusedUnchanged("long", "line 1: title must be at most 200 characters");
  }

  @Test
  void the_same_isbn_twice_is_refused() throws Exception {
    String twice = line("9780306406157", "one") + "\n" + line("9780306406157", "two") + "\n";
    files.write("twice", twice.getBytes(StandardCharsets.UTF_8), 2);

    assertRefusedUnchanged("twice", "line 2: ISBN 9780306406157 is not after the previous line's");
  }

  @Test
  void a_payload_that_does_not_match_its_checksum_is_refused() throws Exception {
    backups.backup("b1");
    byte[] payload = files.payload("b1");
    BackupManifest manifest = BackupFiles.manifestFor(payload, 3);
    payload[new String(payload, StandardCharsets.UTF_8).indexOf("Kept") + 1] = 'a';
    files.write("damaged", payload, manifest);

    assertRefusedUnchanged("damaged", "SHA-256 does not match");
  }

  @Test
  void a_payload_cut_short_is_refused() throws Exception {
    backups.backup("b1");
    byte[] payload = files.payload("b1");
    BackupManifest whole = BackupFiles.manifestFor(payload, 3);
    files.write("cut", Arrays.copyOf(payload, payload.length - 1), whole);

    assertRefusedUnchanged("cut", "line 3 has no newline at its end");
  }

  @Test
  void a_version_1_backup_holding_sql_is_refused_by_its_manifest() throws Exception {
    backups.backup("b1");
    Files.writeString(files.manifest("b1"), "format=bookshelf-backup/1\nstore=h2\nschema_version=3\n"
        + "payload=books.sql.zip\n");

    assertRefusedUnchanged("b1", "format is 'bookshelf-backup/1', expected bookshelf-backup/2");
  }

  @Test
  void a_backup_from_a_newer_schema_is_refused() throws Exception {
    backups.backup("b1");
    byte[] payload = files.payload("b1");
    BackupManifest manifest = BackupFiles.manifestFor(payload, 3);
    files.write("newer", payload, new BackupManifest("999", 3, manifest.payloadBytes(), manifest.payloadSha256(),
        manifest.created(), "h2", Optional.empty()));

    assertRefusedUnchanged("newer", "schema version 999, newer than this image knows");
  }

  @Test
  void restore_over_stored_books_needs_replace() throws Exception {
    backups.backup("b1");

    assertRefusedUnchanged("b1", false, "restore over them only with --replace");
  }

  @Test
  void an_unsigned_restore_says_it_cannot_tell_a_tampered_file() throws Exception {
    backups.backup("b1");

    assertThat(backups.restore("b1", true).warning()).hasValueSatisfying(
        warning -> assertThat(warning).contains("cannot tell a tampered backup from a good one"));
  }
}

package org.bookshelf.books.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bookshelf.books.config.DatabaseVendor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed backups on H2: with a key mounted, only files signed with it restore. */
class BackupSigningTest extends H2Fixture {

  private Path key;
  private Backups signing;

  @BeforeEach
  void mountKey() throws Exception {
    key = Files.write(dir.resolve("backup.key"), "0123456789abcdef0123456789abcdef".getBytes());
    signing = backups(dataSource, DatabaseVendor.H2, Optional.of(key));
  }

  @Test
  void a_signed_backup_restores_with_its_key_and_no_warning() throws Exception {
    BackupManifest manifest = signing.backup("s1");

    assertThat(manifest.signature()).hasValueSatisfying(s -> assertThat(s).matches(SigningKey.SIGNATURE_PATTERN));
    assertThat(signing.restore("s1", true).warning()).isEmpty();
  }

  @Test
  void a_signature_that_does_not_match_is_refused() throws Exception {
    BackupManifest manifest = signing.backup("s1");
    manifest.withSignature("hmac-sha256:" + "0".repeat(64)).write(files.manifest("s1"));

    assertSigningRefused("s1", "signature does not verify");
  }

  @Test
  void a_payload_altered_with_its_checksum_recomputed_is_refused() throws Exception {
    BackupManifest signed = signing.backup("s1");
    byte[] payload = files.payload("s1");
    payload[new String(payload, StandardCharsets.UTF_8).indexOf("Kept") + 1] = 'a';
    BackupManifest recomputed = BackupFiles.manifestFor(payload, 3);
    files.write("s1", payload, new BackupManifest(signed.schemaVersion(), 3, recomputed.payloadBytes(),
        recomputed.payloadSha256(), signed.created(), signed.sourceStore(), signed.signature()));

    assertSigningRefused("s1", "signature does not verify");
  }

  @Test
  void an_unsigned_backup_is_refused_where_a_key_is_configured() throws Exception {
    backups.backup("u1");

    assertSigningRefused("u1", "not signed");
  }

  @Test
  void a_configured_key_that_is_missing_fails_closed_naming_what_to_mount() throws Exception {
    Backups missing = backups(dataSource, DatabaseVendor.H2, Optional.of(dir.resolve("absent.key")));

    assertThatThrownBy(() -> missing.backup("m1"))
        .isInstanceOf(BackupRefused.class)
        .hasMessageContaining("BACKUP_SIGNING_KEY_FILE=" + dir.resolve("absent.key"))
        .hasMessageContaining("mount the backup signing key there");
    assertThat(dir.resolve("m1.books.ndjson")).doesNotExist();
  }

  private void assertSigningRefused(String name, String message) throws Exception {
    var before = rows(dataSource);
    assertThatThrownBy(() -> signing.restore(name, true))
        .isInstanceOf(BackupRefused.class)
        .hasMessageContaining(message);
    assertThat(rows(dataSource)).isEqualTo(before);
  }
}

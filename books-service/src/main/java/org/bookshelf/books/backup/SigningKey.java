package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key backups are signed with (HMAC-SHA256), read from the file BACKUP_SIGNING_KEY_FILE
 * names each time it is needed, so a rotated key is used without a restart. A configured file
 * that cannot be read fails closed: no unsigned backup, no unverified restore.
 */
final class SigningKey {

  static final String SIGNATURE_PATTERN = "hmac-sha256:[0-9a-f]{64}";
  private static final String SETTING = "BACKUP_SIGNING_KEY_FILE";
  /** HMAC-SHA256 wants at least its output's length of key. */
  private static final int MIN_KEY_BYTES = 32;

  private final Optional<Path> file;

  SigningKey(Optional<Path> file) {
    this.file = file;
  }

  boolean configured() {
    return file.isPresent();
  }

  /** The signature of {@code manifest}'s signed fields, with this key. */
  String sign(BackupManifest manifest) throws BackupRefused {
    return "hmac-sha256:" + HexFormat.of().formatHex(mac(manifest.signedText()));
  }

  /** Refuses a manifest whose signature is missing or was not made with this key. */
  void verify(BackupManifest manifest) throws BackupRefused {
    String claimed = manifest.signature().orElseThrow(() -> new BackupRefused(422,
        "the backup is not signed, and this service requires signed backups (" + SETTING
            + " is set): nothing was changed"));
    byte[] expected = sign(manifest).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, claimed.getBytes(StandardCharsets.US_ASCII))) {
      throw new BackupRefused(422, "the backup's signature does not verify with the key in " + file.get()
          + ": it was altered, or signed with another key; nothing was changed");
    }
  }

  private byte[] mac(String text) throws BackupRefused {
    Path path = file.orElseThrow();
    byte[] key;
    try {
      key = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BackupRefused(503, SETTING + "=" + path + " names a file this service cannot read ("
          + e.getClass().getSimpleName() + "): mount the backup signing key there, or unset " + SETTING);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new BackupRefused(503, "the backup signing key in " + path + " has " + key.length
          + " bytes; it needs at least " + MIN_KEY_BYTES + " (e.g. head -c 32 /dev/urandom)");
    }
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

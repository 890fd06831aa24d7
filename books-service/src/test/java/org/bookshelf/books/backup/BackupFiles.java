package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Backup files as an attacker or a damaged disk leaves them: any payload bytes, with a manifest
 * that matches them (size, SHA-256) unless the test makes it lie.
 */
final class BackupFiles {

  private final Path directory;

  BackupFiles(Path directory) {
    this.directory = directory;
  }

  /** The manifest a payload of these bytes and this many books would have, taken at version 3. */
  static BackupManifest manifestFor(byte[] payload, long books) {
    return new BackupManifest("3", books, payload.length,
        HexFormat.of().formatHex(BookExport.sha256().digest(payload)), Instant.parse("2026-12-08T02:00:00Z"), "h2",
        Optional.empty());
  }

  void write(String name, byte[] payload, BackupManifest manifest) throws IOException {
    Files.write(directory.resolve(name + ".books.ndjson"), payload);
    manifest.write(directory.resolve(name + ".manifest"));
  }

  /** The payload with a manifest that tells the truth about it. */
  void write(String name, byte[] payload, long books) throws IOException {
    write(name, payload, manifestFor(payload, books));
  }

  byte[] payload(String name) throws IOException {
    return Files.readAllBytes(directory.resolve(name + ".books.ndjson"));
  }

  Path manifest(String name) {
    return directory.resolve(name + ".manifest");
  }
}

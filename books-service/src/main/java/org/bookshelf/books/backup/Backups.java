package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.bookshelf.books.config.DatabaseVendor;

/**
 * Logical backups of the books, the same on H2 and PostgreSQL: a payload of one JSON line per
 * book and a manifest (count, size, SHA-256, schema version, optionally an HMAC signature).
 * Files live in DATA_DIR, on the service's volume, where docker cp and kubectl cp reach them
 * on a read-only root. A restore checks the whole file before it changes anything, then
 * replaces the books in one transaction.
 */
final class Backups {

  /** A backup's two files in the directory. */
  record Pair(Path payload, Path manifest) {}

  /** A finished restore; {@code warning} is set when authenticity could not be checked. */
  record Restored(long books, BackupManifest manifest, Optional<String> warning) {}

  /** Room for a line: books of the benchmark's shape average about 300 bytes. */
  private static final long BYTES_PER_BOOK = 512;
  private static final long HEADROOM = 16L * 1024 * 1024;

  private final UnboundedConnections connections;
  private final DatabaseVendor vendor;
  private final Path directory;
  private final SchemaVersions versions;
  private final SigningKey key;
  private final BookExport export;
  private final BookImport imports;
  private final PayloadScan scan = new PayloadScan();

  Backups(UnboundedConnections connections, DatabaseVendor vendor, Path dataDir, SchemaVersions versions,
      SigningKey key) {
    this.connections = connections;
    this.vendor = vendor;
    this.directory = dataDir.toAbsolutePath().normalize();
    this.versions = versions;
    this.key = key;
    this.export = new BookExport(connections, vendor);
    this.imports = new BookImport(connections, vendor);
  }

  /** The files a name stands for; the suffixes are fixed, so no name reaches the database file. */
  Pair files(String name) throws BackupRefused {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,90}")) {
      throw new BackupRefused(400, "name must be 1 to 91 of A-Za-z0-9_- (got " + name + ")");
    }
    return new Pair(directory.resolve(name + ".books.ndjson"), directory.resolve(name + ".manifest"));
  }

  /** Writes the backup called {@code name}, signed when a key is configured. */
  BackupManifest backup(String name) throws BackupRefused, IOException, SQLException {
    Pair files = files(name);
    Files.createDirectories(directory);
    long needed = storedBooks() * BYTES_PER_BOOK + HEADROOM;
    long free = Files.getFileStore(directory).getUsableSpace();
    if (free < needed) {
      throw new BackupRefused(507, "no space for the backup in " + directory + ": " + free
          + " bytes free, about " + needed + " needed");
    }
    // Migrations run only when a replica starts, so the version cannot change under the snapshot.
    String version = versions.current();
    try {
      BookExport.Written written = export.write(files.payload());
      BackupManifest manifest = new BackupManifest(version, written.books(), written.bytes(),
          written.sha256(), Instant.now(), vendor.id(), Optional.empty());
      if (key.configured()) {
        manifest = manifest.withSignature(key.sign(manifest));
      }
      manifest.write(files.manifest());
      return manifest;
    } catch (IOException | SQLException | BackupRefused | RuntimeException e) {
      delete(files);
      if (e instanceof IOException && Files.getFileStore(directory).getUsableSpace() < HEADROOM) {
        throw new BackupRefused(507, "the backup ran out of space in " + directory + ": " + e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Restores the backup called {@code name} over the stored books (only with {@code replace} when
   * there are any). Every check, each line of the payload included, runs before anything changes.
   */
  Restored restore(String name, boolean replace) throws BackupRefused, IOException, SQLException {
    return restore(name, replace, false);
  }

  /** Every check of {@link #restore}, and nothing written: what tools/restore.sh asks first. */
  Restored check(String name, boolean replace) throws BackupRefused, IOException, SQLException {
    return restore(name, replace, true);
  }

  private Restored restore(String name, boolean replace, boolean checkOnly)
      throws BackupRefused, IOException, SQLException {
    Pair files = files(name);
    BackupManifest manifest = BackupManifest.read(files.manifest());
    if (versions.isNewerThanKnown(manifest.schemaVersion())) {
      throw new BackupRefused(409, "the backup was taken at schema version " + manifest.schemaVersion()
          + ", newer than this image knows (" + versions.latestKnown()
          + "): restore it with the image that wrote it, or a newer one; nothing was changed");
    }
    Optional<String> warning = Optional.empty();
    if (key.configured()) {
      key.verify(manifest);
    } else {
      warning = Optional.of("no BACKUP_SIGNING_KEY_FILE is configured, so this restore cannot tell a tampered"
          + " backup from a good one" + (manifest.signature().isPresent() ? " (the backup is signed, but there is"
          + " no key here to check it with)" : "") + ": restore only files you trust");
    }
    long books = storedBooks();
    if (books > 0 && !replace) {
      throw new BackupRefused(409, "the store holds " + books
          + " books: restore over them only with --replace; nothing was changed");
    }
    if (vendor == DatabaseVendor.H2) {
      // The old rows stay until the commit, so H2's file briefly holds both.
      long needed = 2 * manifest.payloadBytes() + HEADROOM;
      long free = Files.getFileStore(directory).getUsableSpace();
      if (free < needed) {
        throw new BackupRefused(507, "no space for the restore in " + directory + ": " + free
            + " bytes free, about " + needed + " needed; nothing was changed");
      }
    }
    scan.scan(files.payload(), manifest, book -> { });
    if (checkOnly) {
      return new Restored(manifest.books(), manifest, warning);
    }
    long restored = imports.replace(files.payload(), manifest);
    return new Restored(restored, manifest, warning);
  }

  void delete(String name) throws BackupRefused, IOException {
    delete(files(name));
  }

  private static void delete(Pair files) throws IOException {
    Files.deleteIfExists(files.payload());
    Files.deleteIfExists(files.manifest());
  }

  private long storedBooks() throws SQLException {
    try (Connection connection = connections.open();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM books")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

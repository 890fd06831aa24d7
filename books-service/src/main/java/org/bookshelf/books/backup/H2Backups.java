package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bookshelf.books.db.Migrations;

/**
 * Online backup and restore of the embedded H2 database, run inside the service because H2 in
 * file mode admits one process. Backup is H2's {@code SCRIPT} (SQL, zipped) in one
 * repeatable-read transaction, so it is consistent while writes go on; restore replaces every
 * object with the script's, then Flyway brings the schema forward.
 */
final class H2Backups {

  /** Why a request is refused; the message is for the operator. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final DataSource dataSource;
  private final Path directory;
  private final Path databaseFile;
  private final SchemaVersions versions;
  private final boolean seedSampleData;

  H2Backups(DataSource dataSource, Path dataDir, SchemaVersions versions, boolean seedSampleData) {
    this.dataSource = dataSource;
    this.directory = dataDir.toAbsolutePath().normalize();
    this.databaseFile = dataDir.resolve("books.mv.db");
    this.versions = versions;
    this.seedSampleData = seedSampleData;
  }

  /**
   * Where a backup file of this name lives: beside the database, on its volume (where docker cp
   * can reach it on a read-only root). Only *.sql.zip names, so no call can touch the database.
   */
  Path file(String name) throws Refused {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,90}\\.sql\\.zip")) {
      throw new Refused(400, "file name must be A-Za-z0-9._- ending in .sql.zip (got " + name + ")");
    }
    return directory.resolve(name);
  }

  /** Writes the backup to {@code target} and returns the schema version it was taken at. */
  String backup(Path target) throws Refused, IOException, SQLException {
    Files.createDirectories(directory);
    long free = Files.getFileStore(directory).getUsableSpace();
    long needed = Files.exists(databaseFile) ? Files.size(databaseFile) : 0;
    if (free < needed) {
      throw new Refused(507, "no space for the backup in " + directory + ": " + free
          + " bytes free, the database file is " + needed + " bytes");
    }
    Files.deleteIfExists(target);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement statement = connection.createStatement()) {
        String version = currentVersion(statement);
        statement.execute("SCRIPT NOPASSWORDS TO " + quoted(target) + " COMPRESSION ZIP");
        connection.commit();
        return version;
      } catch (SQLException e) {
        connection.rollback();
        Files.deleteIfExists(target);
        throw e;
      } finally {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Restores {@code source}, taken at {@code version}: refused when the image does not know that
   * version, or when books are stored and {@code replace} is false. Nothing is touched before
   * both checks pass.
   */
  void restore(Path source, String version, boolean replace) throws Refused, SQLException {
    if (!Files.isRegularFile(source)) {
      throw new Refused(404, "no backup file " + source + " in the container");
    }
    if (versions.isNewerThanKnown(version)) {
      throw new Refused(409, "the backup was taken at schema version " + version
          + ", newer than this image knows (" + versions.latestKnown() + "): restore it with a newer image");
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      long books = storedBooks(statement);
      if (books > 0 && !replace) {
        throw new Refused(409, "the store holds " + books + " books: restore over them only with --replace");
      }
      statement.execute("DROP ALL OBJECTS");
      statement.execute("RUNSCRIPT FROM " + quoted(source) + " COMPRESSION ZIP");
    }
    Migrations.run(dataSource, seedSampleData);
  }

  private static String currentVersion(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery(
        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"
            + " ORDER BY \"installed_rank\" DESC LIMIT 1")) {
      return rows.next() ? rows.getString(1) : "0";
    }
  }

  private static long storedBooks(Statement statement) {
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM books")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException noTable) {
      return 0;
    }
  }

  private static String quoted(Path file) {
    return "'" + file.toString().replace("'", "''") + "'";
  }
}

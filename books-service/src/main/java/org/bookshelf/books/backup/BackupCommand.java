package org.bookshelf.books.backup;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bookshelf.books.config.ServiceConfig;
import org.bookshelf.books.db.DataSources;
import org.bookshelf.books.db.Migrations;
import org.bookshelf.service.ConfigException;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.Metrics;

/**
 * The maintenance port's backup and restore as a one-off command, for a pod of its own (the
 * Kubernetes CronJob and restore Job of k8s/components/postgres-backup): the same data format and
 * checks, with books-service's own settings (DB_URL, DB_USER, DB_PASSWORD, DATA_DIR: where the
 * files go, BACKUP_SIGNING_KEY_FILE) and three of its own, from the environment like the rest:
 * <pre>
 *   backup    books-&lt;UTC time&gt;; then only the newest BACKUP_KEEP backups stay
 *   restore   BACKUP_RESTORE_NAME (default: the newest); over stored books only with
 *             BACKUP_RESTORE_REPLACE=true
 * </pre>
 * Exit codes: 0 done, 1 refused (nothing changed), 2 usage or configuration.
 */
public final class BackupCommand {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String MANIFEST = ".manifest";

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  BackupCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(new BackupCommand(System.out, System.err, Clock.systemUTC()).run(List.of(args), System.getenv()));
  }

  int run(List<String> args, Map<String, String> environment) {
    ServiceConfig config;
    try {
      config = ServiceConfig.from(environment);
    } catch (ConfigException e) {
      err.println("backup: invalid configuration: " + e.getMessage());
      return 2;
    }
    try (HikariDataSource dataSource = DataSources.create(config, Metrics.newRegistry())) {
      Backups backups = new Backups(new UnboundedConnections(dataSource), config.databaseVendor(), config.dataDir(),
          new SchemaVersions(dataSource), new SigningKey(config.backupSigningKeyFile()));
      EnvConfig env = new EnvConfig(environment);
      if (args.equals(List.of("backup"))) {
        return backup(backups, config.dataDir(), env.get(ServiceConfig.BACKUP_KEEP));
      }
      if (args.equals(List.of("restore"))) {
        // A new database gets the schema first, as a replica's start would (never the seed).
        Migrations.run(dataSource, false);
        String name = env.get(ServiceConfig.BACKUP_RESTORE_NAME);
        return restore(backups, config.dataDir(), name.equals("latest") ? null : name,
            env.get(ServiceConfig.BACKUP_RESTORE_REPLACE));
      }
      return usage();
    } catch (ConfigException e) {
      err.println("backup: invalid configuration: " + e.getMessage());
      return 2;
    } catch (BackupRefused e) {
      err.println("backup: " + e.getMessage());
      return 1;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("backup: failed, nothing was changed: " + e);
      return 1;
    }
  }

  private int backup(Backups backups, Path dir, int keep) throws BackupRefused, IOException, SQLException {
    String name = "books-" + STAMP.format(clock.instant());
    BackupManifest manifest = backups.backup(name);
    out.println("backup: " + name + " in " + dir + ", " + manifest.books() + " books, schema version "
        + manifest.schemaVersion() + (manifest.signature().isPresent() ? ", signed" : ", not signed"));
    List<String> names = names(dir);
    for (String old : names.subList(0, Math.max(0, names.size() - keep))) {
      backups.delete(old);
      out.println("backup: removed " + old + " (keeping the newest " + keep + ")");
    }
    return 0;
  }

  private int restore(Backups backups, Path dir, String name, boolean replace)
      throws BackupRefused, IOException, SQLException {
    if (name == null) {
      List<String> names = names(dir);
      if (names.isEmpty()) {
        throw new BackupRefused(404, "no backup in " + dir + ": nothing was changed");
      }
      name = names.get(names.size() - 1);
    }
    Backups.Restored restored = backups.restore(name, replace);
    restored.warning().ifPresent(warning -> err.println("backup: WARNING " + warning));
    out.println("restore: " + name + " restored, " + restored.books() + " books");
    return 0;
  }

  /** The backups in the directory, oldest first (their names carry the UTC time). */
  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith("books-") && f.endsWith(MANIFEST))
          .map(f -> f.substring(0, f.length() - MANIFEST.length()))
          .sorted()
          .toList();
    }
  }

  private int usage() {
    err.println("usage: backup | restore (options from the environment: BACKUP_KEEP, BACKUP_RESTORE_NAME, BACKUP_RESTORE_REPLACE)");
    return 2;
  }
}

package org.bookshelf.books.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.OidcSettings;
import org.bookshelf.service.Setting;

/**
 * Every setting of books-service, from environment variables with safe defaults. The default
 * database is an H2 file under {@code DATA_DIR}, so data survives restarts with no setup.
 */
public record ServiceConfig(
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Duration dbConnectionTimeout,
    Duration dbStatementTimeout,
    boolean seedSampleData,
    int maintenancePort,
    Optional<Path> backupSigningKeyFile,
    String oidcIssuer,
    CommonSettings common) {

  public static final Setting.Int PORT = Setting.integer("PORT", 5000, 1, 65535, "HTTP port");
  public static final Setting.Text DATA_DIR =
      Setting.text(
          "DATA_DIR", "./data",
          "where the default H2 file database lives (`books.mv.db`); the image sets `/app/data`");
  /**
   * {@code ${DATA_DIR}} in the default stands for DATA_DIR as an absolute path. WRITE_DELAY=0:
   * H2 writes each commit before the answer goes out; its default (500 ms) lost acknowledged
   * writes to a kill -9 (DurabilityTest).
   */
  public static final Setting.Text DB_URL =
      Setting.text(
          "DB_URL", "jdbc:h2:file:${DATA_DIR}/books;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
          "JDBC URL, e.g. `jdbc:postgresql://db:5432/books`");
  public static final Setting.Text DB_USER = Setting.text("DB_USER", "sa", "database user");
  public static final Setting.Text DB_PASSWORD =
      Setting.text("DB_PASSWORD", "", "database password");
  // Flyway migrates on two connections, so a pool of one cannot start.
  public static final Setting.Int DB_POOL_SIZE =
      Setting.integer(
          "DB_POOL_SIZE", 10, 2, 200,
          "most database connections per replica (Flyway migrates on two, so at least 2)");
  public static final Setting.Int DB_CONNECTION_TIMEOUT_SECONDS =
      Setting.integer(
          "DB_CONNECTION_TIMEOUT_SECONDS", 5, 1, 300,
          "how long a request waits for a connection before answering 503");
  /** The bound on one request's database time; docs/performance.md has the measurements. */
  public static final Setting.Int DB_STATEMENT_TIMEOUT_MS =
      Setting.integer(
          "DB_STATEMENT_TIMEOUT_MS", 100, 0, 600_000,
          "longest a single SQL statement of a request may run (H2 and PostgreSQL); a request"
              + " over it gets 503 with `Retry-After`; 0 turns the bound off");
  public static final Setting.Flag SEED_SAMPLE_DATA =
      Setting.flag(
          "SEED_SAMPLE_DATA", true,
          "on the very first start, insert the article's two books; later starts never re-seed");

  public static final Setting.Int MAINTENANCE_PORT =
      Setting.integer(
          "MAINTENANCE_PORT", 5001, 0, 65535,
          "port on 127.0.0.1 only (docker/kubectl exec) that tools/backup.sh and tools/restore.sh use for backups, restores and schema versions; 0 turns it off");
  /** Mounted, never in the image: a backup is signed with it and a restore checks it. */
  public static final Setting.Text BACKUP_SIGNING_KEY_FILE =
      Setting.text(
          "BACKUP_SIGNING_KEY_FILE", "",
          "file holding the key (32 bytes or more) that backups are signed with (HMAC-SHA256) and restores verify;"
              + " when set and unreadable, backups and restores are refused; unset, restores warn that they cannot"
              + " tell a tampered backup from a good one");

  /** Read by the backup command only (BackupCommand: the Kubernetes backup CronJob and restore Job). */
  public static final Setting.Int BACKUP_KEEP =
      Setting.integer("BACKUP_KEEP", 7, 1, 9999, "the backup command keeps the newest this many backups in DATA_DIR");
  public static final Setting.Text BACKUP_RESTORE_NAME =
      Setting.text("BACKUP_RESTORE_NAME", "latest",
          "the backup the restore command restores (`books-<UTC time>`, or `latest`: the newest in DATA_DIR)");
  public static final Setting.Flag BACKUP_RESTORE_REPLACE =
      Setting.flag("BACKUP_RESTORE_REPLACE", false, "the restore command replaces books already stored (else it refuses)");

  /** Every variable books-service reads. */
  public static final List<Setting> SETTINGS =
      Stream.concat(
              Stream.of(
                  PORT, DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
                  DB_CONNECTION_TIMEOUT_SECONDS, DB_STATEMENT_TIMEOUT_MS, SEED_SAMPLE_DATA,
                  MAINTENANCE_PORT, BACKUP_SIGNING_KEY_FILE, BACKUP_KEEP, BACKUP_RESTORE_NAME,
                  BACKUP_RESTORE_REPLACE, OidcSettings.ISSUER),
              CommonSettings.SETTINGS.stream())
          .toList();

  public static ServiceConfig from(Map<String, String> environment) {
    EnvConfig env = new EnvConfig(environment);
    Path dataDir = Path.of(env.get(DATA_DIR));
    return new ServiceConfig(
        env.get(PORT),
        dataDir,
        env.get(DB_URL).replace("${DATA_DIR}", dataDir.toAbsolutePath().normalize().toString()),
        env.get(DB_USER),
        env.get(DB_PASSWORD),
        env.get(DB_POOL_SIZE),
        Duration.ofSeconds(env.get(DB_CONNECTION_TIMEOUT_SECONDS)),
        Duration.ofMillis(env.get(DB_STATEMENT_TIMEOUT_MS)),
        env.get(SEED_SAMPLE_DATA),
        env.get(MAINTENANCE_PORT),
        Optional.of(env.get(BACKUP_SIGNING_KEY_FILE)).filter(file -> !file.isBlank()).map(Path::of),
        issuer(env.get(OidcSettings.ISSUER)),
        CommonSettings.from(env));
  }

  /** Empty, or an absolute http(s) URL without a trailing slash (as tokens carry it in iss). */
  private static String issuer(String value) {
    String trimmed = value.strip().replaceAll("/+$", "");
    if (!trimmed.isEmpty()) {
      OidcSettings.httpUrl(OidcSettings.ISSUER, trimmed);
    }
    return trimmed;
  }

  public DatabaseVendor databaseVendor() {
    return DatabaseVendor.of(dbUrl);
  }

  public boolean usesDefaultH2File() {
    return DatabaseVendor.isH2File(dbUrl);
  }

  @Override
  public String toString() {
    // Never print the password.
    return "ServiceConfig[port=" + port + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser
        + ", dbPoolSize=" + dbPoolSize + ", dbStatementTimeout=" + dbStatementTimeout
        + ", seedSampleData=" + seedSampleData + ", " + common + "]";
  }

  /** books-service's environment for the docs and manifest checks (META-INF/services). */
  public static final class Declared implements AppSettings {

    @Override
    public String image() {
      return "books-service";
    }

    @Override
    public List<Setting> settings() {
      return SETTINGS;
    }
  }
}

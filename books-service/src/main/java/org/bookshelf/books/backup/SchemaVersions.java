package org.bookshelf.books.backup;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema versions backups are checked against, counted in the store-independent migrations
 * ({@code db/migration}) only: they shape the books a backup holds, while a store's own
 * migrations (PostgreSQL's search indexes, V4) change no data. So a PostgreSQL backup and an
 * H2 one of the same image carry the same version, and each restores into the other.
 */
final class SchemaVersions {

  private static final String SHARED_MIGRATIONS = "classpath:db/migration";

  private final Flyway flyway;

  SchemaVersions(DataSource dataSource) {
    this.flyway = Flyway.configure().dataSource(dataSource).locations(SHARED_MIGRATIONS).load();
  }

  /** The newest shared migration the database has applied ("0" before the first). */
  String current() {
    return newest(info -> info.getState().isApplied() && info.getState().isResolved() && !info.getState().isFailed());
  }

  /** The newest shared migration this image ships: a backup beyond it holds fields it cannot know. */
  String latestKnown() {
    return newest(info -> info.getState().isResolved());
  }

  /** Whether {@code version} is newer than every migration this image knows. */
  boolean isNewerThanKnown(String version) {
    return MigrationVersion.fromVersion(version).compareTo(MigrationVersion.fromVersion(latestKnown())) > 0;
  }

  static Optional<String> valid(String version) {
    return version != null && version.matches("[0-9]+(\\.[0-9]+)*") ? Optional.of(version) : Optional.empty();
  }

  private String newest(Predicate<MigrationInfo> which) {
    return Arrays.stream(flyway.info().all())
        .filter(info -> info.getVersion() != null && which.test(info))
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse("0");
  }
}

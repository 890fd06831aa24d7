package org.bookshelf.books.backup;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookshelf.books.db.Migrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** The Flyway schema versions backups are checked against: the database's and this image's. */
final class SchemaVersions {

  private final Flyway flyway;

  SchemaVersions(DataSource dataSource) {
    this.flyway = Flyway.configure().dataSource(dataSource).locations(Migrations.locations(dataSource)).load();
  }

  /** The version the database is at ("0" before the first migration). */
  String current() {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
  }

  /** The newest migration this image ships: a backup beyond it cannot be brought forward. */
  String latestKnown() {
    return Arrays.stream(flyway.info().all())
        .filter(info -> info.getState().isResolved() && info.getVersion() != null)
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElse("0");
  }

  /** Whether {@code version} is newer than every migration this image knows. */
  boolean isNewerThanKnown(String version) {
    return MigrationVersion.fromVersion(version).compareTo(MigrationVersion.fromVersion(latestKnown())) > 0;
  }

  static Optional<String> valid(String version) {
    return version != null && version.matches("[0-9]+(\\.[0-9]+)*") ? Optional.of(version) : Optional.empty();
  }
}

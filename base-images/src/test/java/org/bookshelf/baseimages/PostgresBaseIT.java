package org.bookshelf.baseimages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

@RequiresDocker
class PostgresBaseIT {

  @Test
  void starts_with_the_official_variables_and_runs_sql_over_jdbc() throws Exception {
    try (var postgres =
        new PostgreSQLContainer(TestSettings.postgresImage())
            .withDatabaseName("shelf")
            .withUsername("librarian")
            .withPassword("s3cret")) {
      postgres.start();

      try (Connection connection =
              DriverManager.getConnection(postgres.getJdbcUrl(), "librarian", "s3cret");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE shelf_check (id int PRIMARY KEY, title text)");
        statement.execute("INSERT INTO shelf_check VALUES (1, 'Learning Node.js Development')");
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT title, current_database(), current_user FROM shelf_check")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("Learning Node.js Development");
          assertThat(rows.getString(2)).isEqualTo("shelf");
          assertThat(rows.getString(3)).isEqualTo("librarian");
        }
      }
    }
  }

  @Test
  void rejects_a_wrong_password() {
    try (var postgres = new PostgreSQLContainer(TestSettings.postgresImage())) {
      postgres.start();

      Throwable refused =
          catchThrowable(
              () -> DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), "x"));

      assertThat(refused).hasMessageContaining("password authentication failed");
    }
  }
}

package org.bookshelf.books.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseVendorTest {

  @ParameterizedTest
  @CsvSource({
    "jdbc:h2:file:/app/data/books;WRITE_DELAY=0, H2",
    "jdbc:h2:mem:books;DB_CLOSE_DELAY=-1, H2",
    "jdbc:postgresql://db:5432/books, POSTGRESQL",
    "jdbc:mysql://db:3306/books, OTHER",
  })
  void the_jdbc_url_names_the_vendor(String url, DatabaseVendor vendor) {
    assertThat(DatabaseVendor.of(url)).isEqualTo(vendor);
  }

  @Test
  void only_an_h2_file_url_is_an_h2_file() {
    assertThat(DatabaseVendor.isH2File("jdbc:h2:file:./data/books")).isTrue();
    assertThat(DatabaseVendor.isH2File("jdbc:h2:mem:books")).isFalse();
    assertThat(DatabaseVendor.isH2File("jdbc:postgresql://db:5432/books")).isFalse();
  }

  @Test
  void each_known_vendor_has_its_migration_folder() {
    for (DatabaseVendor vendor : new DatabaseVendor[] {DatabaseVendor.H2, DatabaseVendor.POSTGRESQL}) {
      assertThat(getClass().getResource("/db/vendor/" + vendor.id())).as(vendor.id()).isNotNull();
    }
  }
}

package org.bookshelf.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleTest {

  @Test
  void plain_file_paths_are_safe() {
    assertThat(Bundle.isSafe("/index.html")).isTrue();
    assertThat(Bundle.isSafe("/assets/index-DaW76zEX.js")).isTrue();
  }

  @Test
  void traversal_hidden_files_directories_and_stored_copies_are_refused() {
    assertThat(Bundle.isSafe("/assets/../../pom.xml")).isFalse();
    assertThat(Bundle.isSafe("/assets/..%2fpom.xml")).isFalse();
    assertThat(Bundle.isSafe("/.env")).isFalse();
    assertThat(Bundle.isSafe("/assets")).isFalse();
    assertThat(Bundle.isSafe("//index.html")).isFalse();
    assertThat(Bundle.isSafe("/assets\\index.js")).isFalse();
    assertThat(Bundle.isSafe("/index.html.gz")).isFalse();
  }

  @Test
  void unknown_files_are_not_found() {
    assertThat(Bundle.onClasspath().find("/nope.js")).isEmpty();
  }
}

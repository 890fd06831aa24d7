package org.bookshelf.books.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsbnTest {

  @ParameterizedTest
  @CsvSource({
    "1788395549, 9781788395540",
    "1-78839-554-9, 9781788395540",
    "9781788395540, 9781788395540",
    "978-1-78839-554-0, 9781788395540",
    "978 1 78862 021 5, 9781788620215",
    "0-8044-2957-X, 9780804429573",
    "080442957x, 9780804429573",
    "979-10-90636-07-1, 9791090636071",
  })
  void valid_forms_parse_to_the_isbn13(String text, String isbn13) {
    assertThat(Isbn.parse(text)).map(Isbn::value).contains(isbn13);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1788395548", // ISBN-10 with a wrong check digit
        "9781788395541", // ISBN-13 with a wrong check digit
        "9771788395548", // valid checksum, but not a 978/979 book number
        "178839554", // too short
        "97817883955400", // too long
        "17883955X9", // X not in the check position
        "abcdefghij",
        "1788395549; DROP TABLE",
        "---",
      })
  void junk_and_bad_check_digits_are_rejected(String text) {
    assertThat(Isbn.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void null_and_empty_are_rejected(String text) {
    assertThat(Isbn.parse(text)).isEmpty();
  }

  @Test
  void over_long_input_is_rejected_before_parsing() {
    assertThat(Isbn.parse("1".repeat(10_000))).isEmpty();
  }

  @Test
  void isbn10_and_its_isbn13_are_equal() {
    assertThat(Isbn.parse("1788620216")).isEqualTo(Isbn.parse("978-1-78862-021-5"));
  }

  @Test
  void the_record_only_holds_valid_isbn13() {
    assertThatThrownBy(() -> new Isbn("1788395549")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Isbn("9781788395541")).isInstanceOf(IllegalArgumentException.class);
  }
}

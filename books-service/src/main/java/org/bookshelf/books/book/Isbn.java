package org.bookshelf.books.book;

import java.util.Optional;

/**
 * An ISBN, always held as ISBN-13 digits. Accepts ISBN-10 (last char may be X) or ISBN-13, with
 * hyphens or spaces between groups, and verifies the check digit. An ISBN-10 becomes the
 * 978-prefixed ISBN-13 of the same book.
 */
public record Isbn(String value) {

  public Isbn {
    if (value == null || !isIsbn13(value)) {
      throw new IllegalArgumentException("not an ISBN-13: " + value);
    }
  }

  /** The ISBN-13 of {@code text}, or empty when it is not a valid ISBN-10 or ISBN-13. */
  public static Optional<Isbn> parse(String text) {
    if (text == null || text.length() > 32) {
      return Optional.empty();
    }
    String compact = text.strip().replace("-", "").replace(" ", "");
    if (isIsbn13(compact)) {
      return Optional.of(new Isbn(compact));
    }
    if (compact.length() == 10
        && digitsUpTo(compact, 9)
        && isDigitOrX(compact.charAt(9))
        && validIsbn10(compact)) {
      String twelve = "978" + compact.substring(0, 9);
      return Optional.of(new Isbn(twelve + isbn13CheckDigit(twelve)));
    }
    return Optional.empty();
  }

  private static boolean isIsbn13(String text) {
    return text.length() == 13 && digitsUpTo(text, 13) && validIsbn13(text);
  }

  // A loop, not String.matches: that compiles a regex per call, and every book read from the
  // database passes through the constructor.
  private static boolean digitsUpTo(String text, int end) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigitOrX(char c) {
    return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
  }

  private static boolean validIsbn10(String digits) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      char c = digits.charAt(i);
      int digit = (c == 'X' || c == 'x') ? 10 : c - '0';
      sum += (10 - i) * digit;
    }
    return sum % 11 == 0;
  }

  private static boolean validIsbn13(String digits) {
    return digits.charAt(12) - '0' == isbn13CheckDigit(digits.substring(0, 12))
        && (digits.startsWith("978") || digits.startsWith("979"));
  }

  private static int isbn13CheckDigit(String twelve) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10;
  }

  @Override
  public String toString() {
    return value;
  }
}

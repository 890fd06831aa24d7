package org.bookshelf.system;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid ISBN-13s, so tests sharing a stack never collide. */
public final class Isbns {

  private Isbns() {}

  /** A random 979-8 ISBN-13 with its check digit (no seeded book uses 979). */
  public static String next() {
    return next(ThreadLocalRandom.current());
  }

  /** The same from a given generator, so a seeded test reproduces its ISBNs. */
  public static String next(Random random) {
    return withRandomDigits("9798", random);
  }

  /** {@code prefix} filled up to 12 random digits, then the ISBN-13 check digit. */
  public static String withRandomDigits(String prefix, Random random) {
    StringBuilder digits = new StringBuilder(prefix);
    while (digits.length() < 12) {
      digits.append(random.nextInt(10));
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return digits.append((10 - sum % 10) % 10).toString();
  }
}

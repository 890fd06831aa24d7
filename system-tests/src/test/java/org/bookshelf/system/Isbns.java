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
    StringBuilder digits = new StringBuilder("9798");
    for (int i = 0; i < 8; i++) {
      digits.append(random.nextInt(10));
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return digits.append((10 - sum % 10) % 10).toString();
  }
}

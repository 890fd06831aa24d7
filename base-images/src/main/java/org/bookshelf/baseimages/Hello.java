package org.bookshelf.baseimages;

/** The smallest program that shows a JRE base image works: it reports what it runs on. */
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    System.out.printf(
        "hello from java %s, user %s, %d MB max heap%n",
        Runtime.version().feature(),
        System.getProperty("user.name"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}

package org.bookshelf.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the project checkout; Maven passes the root as {@code bookshelf.repo.dir}. */
public final class Repository {

  private Repository() {}

  public static Path root() {
    Path root = Path.of(System.getProperty("bookshelf.repo.dir", "..")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("k8s/base"))) {
      throw new IllegalStateException("not the project root (no k8s/base): " + root);
    }
    return root;
  }

  public static Path overlay(String name) {
    return root().resolve("k8s/overlays").resolve(name);
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }
}

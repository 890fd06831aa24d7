package org.bookshelf.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built React app on the classpath (under {@code public/} in the jar). Files are read once
 * and kept in memory: the whole bundle is a few hundred KB. Only files that exist are cached, so
 * requests for made-up paths cannot grow the cache.
 */
public final class Bundle {

  public static final String DEFAULT_ROOT = "public";
  public static final String INDEX = "/index.html";

  private final String root;
  private final ClassLoader loader;
  private final Map<String, BundleFile> cache = new ConcurrentHashMap<>();

  public Bundle(String root, ClassLoader loader) {
    this.root = root;
    this.loader = loader;
  }

  public static Bundle onClasspath() {
    return new Bundle(DEFAULT_ROOT, Bundle.class.getClassLoader());
  }

  /** The file at a URL path such as {@code /assets/index-abc.js}; empty for anything else. */
  public Optional<BundleFile> find(String path) {
    if (!isSafe(path)) {
      return Optional.empty();
    }
    BundleFile cached = cache.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    return load(path).map(file -> cache.computeIfAbsent(path, p -> file));
  }

  /**
   * Only plain file paths: no traversal, no hidden files, no directories (every file Vite writes
   * has an extension), and not the precompressed copies themselves.
   */
  static boolean isSafe(String path) {
    if (path == null || !path.startsWith("/") || path.contains("\\") || path.contains("//")) {
      return false;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (!name.contains(".") || name.endsWith(".gz") || name.endsWith(".br")) {
      return false;
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private Optional<BundleFile> load(String path) {
    byte[] identity = read(path);
    if (identity == null) {
      return Optional.empty();
    }
    Map<ContentEncoding, byte[]> variants = new EnumMap<>(ContentEncoding.class);
    variants.put(ContentEncoding.IDENTITY, identity);
    for (ContentEncoding encoding : ContentEncoding.values()) {
      if (encoding != ContentEncoding.IDENTITY) {
        byte[] encoded = read(path + encoding.suffix());
        if (encoded != null) {
          variants.put(encoding, encoded);
        }
      }
    }
    return Optional.of(new BundleFile(path, MediaTypes.of(path), digest(identity), variants));
  }

  private byte[] read(String path) {
    try (InputStream in = loader.getResourceAsStream(root + path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root + path + " from the classpath", e);
    }
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

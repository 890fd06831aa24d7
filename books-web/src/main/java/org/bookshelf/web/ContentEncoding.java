package org.bookshelf.web;

import java.util.Locale;

/** The encodings the bundle is stored in, best first; the build writes .br and .gz beside each file. */
public enum ContentEncoding {
  BROTLI("br", ".br"),
  GZIP("gzip", ".gz"),
  IDENTITY("identity", "");

  private final String token;
  private final String suffix;

  ContentEncoding(String token, String suffix) {
    this.token = token;
    this.suffix = suffix;
  }

  public String token() {
    return token;
  }

  public String suffix() {
    return suffix;
  }

  /**
   * Whether an {@code Accept-Encoding} header allows this encoding (RFC 9110 §12.5.3): listed, or
   * covered by {@code *}, with a q-value above 0. Identity is always acceptable to us: a client that
   * refuses it as well gets it anyway rather than a 406 for a web page.
   */
  public boolean acceptedBy(String acceptEncoding) {
    if (this == IDENTITY) {
      return true;
    }
    if (acceptEncoding == null) {
      return false;
    }
    Double starQ = null;
    for (String entry : acceptEncoding.split(",")) {
      String[] parts = entry.trim().split(";");
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      if (coding.equals(token)) {
        return q > 0;
      }
      if (coding.equals("*")) {
        starQ = q;
      }
    }
    return starQ != null && starQ > 0;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}

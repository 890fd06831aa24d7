package org.bookshelf.web;

import java.util.EnumMap;
import java.util.Map;

/**
 * One file of the bundle in every encoding the build stored it in, with a strong ETag per
 * encoding (the encoded bytes differ, so their validators must too).
 */
public record BundleFile(String path, String contentType, String etag, Map<ContentEncoding, byte[]> variants) {

  public BundleFile {
    variants = Map.copyOf(new EnumMap<>(variants));
  }

  /** The best stored encoding the client accepts; identity is always stored. */
  public ContentEncoding encodingFor(String acceptEncoding) {
    for (ContentEncoding encoding : ContentEncoding.values()) {
      if (variants.containsKey(encoding) && encoding.acceptedBy(acceptEncoding)) {
        return encoding;
      }
    }
    return ContentEncoding.IDENTITY;
  }

  public byte[] bytes(ContentEncoding encoding) {
    return variants.get(encoding);
  }

  public boolean hasCompressedVariants() {
    return variants.size() > 1;
  }

  public String etag(ContentEncoding encoding) {
    return encoding == ContentEncoding.IDENTITY
        ? "\"" + etag + "\""
        : "\"" + etag + "-" + encoding.token() + "\"";
  }
}

package org.bookshelf.books.backup;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.ByteBuffer;

/**
 * What a backup says about its payload, as {@code key=value} lines a shell can read. The
 * signature, when there is one, is an HMAC over {@link #signedText()}: every other field,
 * the payload's SHA-256 included, so it vouches for the payload too.
 */
record BackupManifest(
    String schemaVersion,
    long books,
    long payloadBytes,
    String payloadSha256,
    Instant created,
    String sourceStore,
    Optional<String> signature) {

  static final String FORMAT = "bookshelf-backup/2";
  static final String PAYLOAD = "books.ndjson";
  /** A manifest is a few hundred bytes; anything much bigger is not one. */
  private static final int MAX_BYTES = 4096;
  private static final List<String> KEYS =
      List.of("format", "schema_version", "books", "payload", "payload_bytes", "payload_sha256",
          "created", "source_store", "signature");

  BackupManifest withSignature(String value) {
    return new BackupManifest(schemaVersion, books, payloadBytes, payloadSha256, created, sourceStore, Optional.of(value));
  }

  /** The fields the signature covers, in a fixed order, whatever order the file had. */
  String signedText() {
    return "format=" + FORMAT + "\nschema_version=" + schemaVersion + "\nbooks=" + books
        + "\npayload=" + PAYLOAD + "\npayload_bytes=" + payloadBytes + "\npayload_sha256=" + payloadSha256
        + "\ncreated=" + created + "\nsource_store=" + sourceStore + "\n";
  }

  String text() {
    return signedText() + signature.map(s -> "signature=" + s + "\n").orElse("");
  }

  void write(Path file) throws IOException {
    Files.writeString(file, text(), StandardCharsets.UTF_8);
  }

  /** Reads a manifest strictly: known keys once each, every value well formed. */
  static BackupManifest read(Path file) throws BackupRefused, IOException {
    if (!Files.isRegularFile(file)) {
      throw new BackupRefused(404, "no backup manifest " + file.getFileName() + " in the container");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw refused("it is over " + MAX_BYTES + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw refused("it is not UTF-8 text");
    }
    Map<String, String> values = new LinkedHashMap<>();
    String unknown = null;
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq > 0 ? line.substring(0, eq) : line;
      if (eq <= 0 || !KEYS.contains(key)) {
        unknown = unknown == null ? line : unknown;
      } else if (values.put(key, line.substring(eq + 1)) != null) {
        throw refused(key + " appears twice");
      }
    }
    // The format first: an older backup's other keys are unknown here, and its format says why.
    if (!FORMAT.equals(values.get("format"))) {
      throw refused("format is '" + abbreviated(String.valueOf(values.get("format"))) + "', expected " + FORMAT
          + " (a bookshelf-backup/1 file holds SQL, which this image never runs: restore it with the image"
          + " that wrote it, then back up again)");
    }
    if (unknown != null) {
      throw refused("unknown line '" + abbreviated(unknown) + "'");
    }
    if (!PAYLOAD.equals(values.get("payload"))) {
      throw refused("payload must be " + PAYLOAD);
    }
    String version = SchemaVersions.valid(values.get("schema_version"))
        .orElseThrow(() -> refused("schema_version must be a Flyway version such as 3"));
    String sha = values.getOrDefault("payload_sha256", "");
    if (!sha.matches("[0-9a-f]{64}")) {
      throw refused("payload_sha256 must be 64 lower-case hex digits");
    }
    String store = values.getOrDefault("source_store", "");
    if (!store.matches("[a-z0-9]{1,20}")) {
      throw refused("source_store must be a store name such as h2");
    }
    String signature = values.get("signature");
    if (signature != null && !signature.matches(SigningKey.SIGNATURE_PATTERN)) {
      throw refused("signature must be hmac-sha256: and 64 hex digits");
    }
    return new BackupManifest(version, count(values, "books"), count(values, "payload_bytes"), sha,
        instant(values.get("created")), store, Optional.ofNullable(signature));
  }

  private static long count(Map<String, String> values, String key) throws BackupRefused {
    String value = values.getOrDefault(key, "");
    if (!value.matches("[0-9]{1,15}")) {
      throw refused(key + " must be a whole number");
    }
    return Long.parseLong(value);
  }

  private static Instant instant(String value) throws BackupRefused {
    try {
      return Instant.parse(value == null ? "" : value);
    } catch (DateTimeParseException e) {
      throw refused("created must be a UTC time such as 2026-12-08T02:00:00Z");
    }
  }

  private static String abbreviated(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private static BackupRefused refused(String why) {
    return new BackupRefused(422, "the MANIFEST is not a Bookshelf backup manifest: " + why + "; nothing was changed");
  }
}

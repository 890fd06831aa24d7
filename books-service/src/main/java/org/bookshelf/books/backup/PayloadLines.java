package org.bookshelf.books.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The payload's lines, read in chunks with memory bounded by the longest line allowed, never the
 * file: a longer line is skipped (and reported), not buffered. Every byte read goes into the
 * SHA-256, and reading stops as soon as the payload runs past the size its manifest states, so a
 * payload many times that size costs no more than the stated one.
 */
final class PayloadLines {

  /** The longest line a book can need is about 2 KB (two 200-character fields of 4-byte UTF-8). */
  static final int MAX_LINE_BYTES = 64 * 1024;

  /** Thrown once the payload holds more bytes than its manifest says. */
  static final class TooLong extends IOException {
    TooLong(long limit) {
      super("the payload is bigger than its MANIFEST says (" + limit + " bytes)");
    }
  }

  /** One line: its text, or why it has none. */
  record Line(long number, String text, String problem) {}

  private final InputStream in;
  private final long limit;
  private final MessageDigest sha256;
  private final byte[] chunk = new byte[64 * 1024];
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private int position;
  private int end;
  private long bytes;
  private long number;

  PayloadLines(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The next line, or null at the end of the payload. */
  Line next() throws IOException {
    int length = 0;
    boolean overlong = false;
    boolean any = false;
    while (true) {
      if (position == end && !fill()) {
        if (!any) {
          return null;
        }
        number++;
        return new Line(number, null, "has no newline at its end: the payload is cut short");
      }
      any = true;
      int newline = indexOf((byte) '\n', position, end);
      int stop = newline < 0 ? end : newline;
      int piece = stop - position;
      if (!overlong && length + piece <= MAX_LINE_BYTES) {
        System.arraycopy(chunk, position, line, length, piece);
        length += piece;
      } else {
        overlong = true;
      }
      position = newline < 0 ? end : newline + 1;
      if (newline >= 0) {
        number++;
        if (overlong) {
          return new Line(number, null, "is longer than " + MAX_LINE_BYTES + " bytes");
        }
        return decode(length);
      }
    }
  }

  long bytes() {
    return bytes;
  }

  long lines() {
    return number;
  }

  /** The SHA-256 of everything read so far, as hex; call once, at the end. */
  String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  private Line decode(int length) {
    try {
      return new Line(number, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
    } catch (CharacterCodingException e) {
      return new Line(number, null, "is not valid UTF-8");
    }
  }

  private boolean fill() throws IOException {
    int read = in.read(chunk, 0, (int) Math.min(chunk.length, limit - bytes + 1));
    if (read <= 0) {
      return false;
    }
    bytes += read;
    if (bytes > limit) {
      throw new TooLong(limit);
    }
    sha256.update(chunk, 0, read);
    position = 0;
    end = read;
    return true;
  }

  private int indexOf(byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (chunk[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}

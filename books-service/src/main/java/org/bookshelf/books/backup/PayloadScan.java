package org.bookshelf.books.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.bookshelf.books.book.Book;

/**
 * One pass over a payload: every line must be a book, in strictly ascending ISBN order (so a
 * duplicate is caught without remembering every ISBN), and the whole must match the manifest's
 * size, SHA-256 and count. The first problem refuses the restore with its line number. A restore
 * runs it twice: once to check, before anything changes, and once to write.
 */
final class PayloadScan {

  /** Where each checked book goes. */
  interface Sink {
    void accept(Book book) throws SQLException;
  }

  private final BookLine lines = new BookLine();

  void scan(Path payload, BackupManifest manifest, Sink sink) throws BackupRefused, IOException, SQLException {
    if (!Files.isRegularFile(payload)) {
      throw new BackupRefused(404, "no backup payload " + payload.getFileName() + " in the container");
    }
    try (InputStream in = Files.newInputStream(payload)) {
      PayloadLines reader = new PayloadLines(in, manifest.payloadBytes());
      String previous = "";
      for (PayloadLines.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.number() > manifest.books()) {
          throw refused("it holds more books than its MANIFEST says (" + manifest.books() + ")");
        }
        if (line.problem() != null) {
          throw refused("line " + line.number() + " " + line.problem());
        }
        Book book;
        try {
          book = lines.read(line.text());
        } catch (BookLine.Invalid e) {
          throw refused("line " + line.number() + ": " + e.getMessage());
        }
        if (book.isbn().value().compareTo(previous) <= 0) {
          throw refused("line " + line.number() + ": ISBN " + book.isbn()
              + " is not after the previous line's (a backup lists each book once, in ISBN order)");
        }
        previous = book.isbn().value();
        sink.accept(book);
      }
      if (reader.bytes() != manifest.payloadBytes()) {
        throw refused("the payload has " + reader.bytes() + " of the " + manifest.payloadBytes()
            + " bytes its MANIFEST says: it is truncated");
      }
      if (!reader.sha256().equals(manifest.payloadSha256())) {
        throw refused("the payload's SHA-256 does not match its MANIFEST: it is damaged or was altered");
      }
      if (reader.lines() != manifest.books()) {
        throw refused("it holds " + reader.lines() + " books; its MANIFEST says " + manifest.books());
      }
    } catch (PayloadLines.TooLong e) {
      throw refused(e.getMessage());
    }
  }

  private static BackupRefused refused(String why) {
    return new BackupRefused(422, "the backup is refused: " + why + "; nothing was changed");
  }
}

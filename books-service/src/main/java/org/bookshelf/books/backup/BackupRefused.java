package org.bookshelf.books.backup;

/** Why a backup or restore is refused; the message is for the operator, the status for the port. */
final class BackupRefused extends Exception {

  private final int status;

  BackupRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}

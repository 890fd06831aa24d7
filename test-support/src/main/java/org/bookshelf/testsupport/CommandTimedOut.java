package org.bookshelf.testsupport;

/** A {@link Command} that did not finish within its timeout; it has been ended. */
public final class CommandTimedOut extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  CommandTimedOut(Command command, String outputTail) {
    super(
        command.display()
            + " did not finish within "
            + command.timeout().toMillis() / 1000.0
            + " s and was ended; its last output:\n"
            + outputTail);
  }
}

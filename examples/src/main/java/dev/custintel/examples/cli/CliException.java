package dev.custintel.examples.cli;

/** A command that cannot be done, such as a missing input file: exit code 1 with the message on stderr. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  /** With the failure behind it, so that the message handler sees an {@link OutOfMemoryError} among the causes. */
  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.custintel.examples.cli;

/** A command that cannot be done, such as a missing input file: exit code 1 with the message on stderr. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}

package dev.custintel.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Custintel throws. All are unchecked; catch this type to handle any Custintel failure.
 *
 * <p>Subtypes say what went wrong: {@link NotFoundException}, {@link InvalidInputException},
 * {@link DataAccessException}, {@link ModelNotReadyException}. Messages never contain credentials or connection
 * passwords.
 */
public class CustintelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what happened and, where possible, what to do.
   *
   * @param message human-readable description
   * @param cause the underlying failure, if any
   */
  public CustintelException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message human-readable description
   */
  public CustintelException(String message) {
    super(message);
  }
}

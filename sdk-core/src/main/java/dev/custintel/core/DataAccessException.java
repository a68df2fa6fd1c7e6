package dev.custintel.core;

/**
 * Thrown when the database fails: unreachable, a migration that cannot run, a statement that fails. The message
 * names the operation; the cause keeps the driver's exception (never the connection password).
 */
public class DataAccessException extends CustintelException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being done
   * @param cause the driver or pool failure
   */
  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}

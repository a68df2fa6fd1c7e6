package dev.custintel.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when input data or an argument is invalid. Names the record (when the input is one of many), the field
 * and the reason. When thrown by ingestion, nothing from the batch was written.
 */
public class InvalidInputException extends CustintelException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String record;
  private final String field;
  private final String reason;

  /**
   * @param record the record the problem is in, such as {@code "order 'O-17'"} or {@code "line 42"}; null for a
   *     plain argument
   * @param field the field or option, such as {@code "lines[2].quantity"}
   * @param reason why it is invalid, such as {@code "must be greater than 0 (was -1)"}
   */
  public InvalidInputException(@Nullable String record, String field, String reason) {
    super(format(record, field, reason));
    this.record = record;
    this.field = field;
    this.reason = reason;
  }

  /**
   * An invalid argument that does not belong to a record.
   *
   * @param field the argument or option name
   * @param reason why it is invalid
   * @return the exception
   */
  public static InvalidInputException argument(String field, String reason) {
    return new InvalidInputException(null, field, reason);
  }

  /**
   * The same problem, located in a record.
   *
   * @param recordName the record, such as {@code "order 'O-17'"}
   * @return a new exception naming the record; if this one already names a record, both are kept
   */
  public InvalidInputException in(String recordName) {
    String combined = record == null ? recordName : recordName + ", " + record;
    InvalidInputException e = new InvalidInputException(combined, field, reason);
    e.setStackTrace(getStackTrace());
    return e;
  }

  private static String format(@Nullable String record, String field, String reason) {
    return record == null ? "Invalid " + field + ": " + reason : "Invalid " + record + ": " + field + " " + reason;
  }

  /** @return the record the problem is in, or null when the input was a single argument */
  public @Nullable String record() {
    return record;
  }

  /** @return the invalid field or option */
  public String field() {
    return field;
  }

  /** @return why the value is invalid */
  public String reason() {
    return reason;
  }
}

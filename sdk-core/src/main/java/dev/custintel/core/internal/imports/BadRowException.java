package dev.custintel.core.internal.imports;

import dev.custintel.core.imports.RejectedRow;

/**
 * Thrown inside a parser when a row cannot be used; the parser turns it into a {@link RejectedRow} with the
 * row's line number. Never leaves a parser. Not API.
 */
final class BadRowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  /**
   * @param field the column at fault as the header names it, or {@code "row"} for the row as a whole
   * @param reason what is wrong, showing the offending value
   */
  BadRowException(String field, String reason) {
    super(field + " " + reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }

  /**
   * @param line the 1-based line of the row
   * @return the rejection
   */
  RejectedRow at(long line) {
    return new RejectedRow(line, field, reason);
  }
}

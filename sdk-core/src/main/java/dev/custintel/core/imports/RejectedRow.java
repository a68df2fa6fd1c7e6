package dev.custintel.core.imports;

/**
 * A row that was not imported.
 *
 * @param line 1-based line number in the file (the header is line 1 when there is one)
 * @param field the column or field at fault, such as {@code "Quantity"}
 * @param reason why, such as {@code "is not an integer (was 'x')"}
 */
public record RejectedRow(long line, String field, String reason) {

  /** @return a one-line description, such as {@code "line 42: Quantity is not an integer (was 'x')"} */
  public String describe() {
    return "line " + line + ": " + field + " " + reason;
  }
}

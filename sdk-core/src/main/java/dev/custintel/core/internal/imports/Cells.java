package dev.custintel.core.internal.imports;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads single cell values, throwing {@link BadRowException} with a reason that shows the value. Values are
 * stripped of surrounding whitespace first. Not API.
 */
final class Cells {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private Cells() {}

  /**
   * @param raw the cell as written
   * @param field the column name
   * @return the value, stripped
   * @throws BadRowException if it is blank
   */
  static String required(String raw, String field) {
    String value = raw.strip();
    if (value.isEmpty()) {
      throw new BadRowException(field, "is blank");
    }
    return value;
  }

  /**
   * @param raw the cell as written
   * @return the value stripped, or null if blank
   */
  static @Nullable String optional(String raw) {
    String value = raw.strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * @param raw the cell as written
   * @param field the column name
   * @return the integer
   * @throws BadRowException if it is blank, not an integer or beyond the int range
   */
  static int integer(String raw, String field) {
    String value = required(raw, field);
    int n = value.length();
    if (n <= 9) { // the usual quantity: ASCII digits only, no sign, cannot overflow; without the regular expression
      int v = 0;
      for (int i = 0; i < n; i++) {
        int d = value.charAt(i) - '0';
        if (d < 0 || d > 9) {
          v = -1;
          break;
        }
        v = v * 10 + d;
      }
      if (v >= 0) {
        return v;
      }
    }
    if (!INTEGER.matcher(value).matches()) {
      throw new BadRowException(field, "is not an integer (was " + Checks.quote(value) + ")");
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BadRowException(field, "is out of range (was " + Checks.quote(value) + ")");
    }
  }

  /**
   * @param raw the cell as written, with a decimal point
   * @param field the column name
   * @return the number, exactly as written
   * @throws BadRowException if it is blank or not a decimal number
   */
  static BigDecimal decimal(String raw, String field) {
    String value = required(raw, field);
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new BadRowException(field, "is not a number (was " + Checks.quote(value) + ")");
    }
  }

  /**
   * @param raw the cell as written, with a decimal point
   * @param field the column name
   * @return the number, 0 or more
   * @throws BadRowException if it is blank, not a number or negative
   */
  static BigDecimal nonNegativeDecimal(String raw, String field) {
    BigDecimal value = decimal(raw, field);
    if (value.signum() < 0) {
      throw new BadRowException(field, "must not be negative (was " + Checks.quote(raw.strip()) + ")");
    }
    return value;
  }

  /**
   * @param value an instant read from the cell
   * @param field the column name
   * @param raw the cell as written, for the reason
   * @return the instant
   * @throws BadRowException if it is outside the years 1 to 9999 (UTC) that the store keeps
   */
  static Instant storable(Instant value, String field, String raw) {
    if (value.isBefore(Checks.MIN_INSTANT) || value.isAfter(Checks.MAX_INSTANT)) {
      throw new BadRowException(
          field, "must be between the years 1 and 9999 UTC (was " + Checks.quote(raw.strip()) + ")");
    }
    return value;
  }

  /**
   * Builds a domain record, turning its {@link InvalidInputException} into a {@link BadRowException} on the
   * column the record's field came from.
   *
   * @param build calls the constructor
   * @param columnOfField the column of each record field (record field name to column name)
   * @param otherwise the column for a record field not in the map
   * @param <T> the record type
   * @return the record
   */
  static <T> T build(Supplier<T> build, Map<String, String> columnOfField, String otherwise) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      throw new BadRowException(columnOfField.getOrDefault(e.field(), otherwise), e.reason());
    }
  }
}

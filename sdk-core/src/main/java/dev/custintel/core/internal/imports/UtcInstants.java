package dev.custintel.core.internal.imports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A fast reading of the one layout most order files give times in, the UTC instant {@code 2024-03-01T10:15:30Z}
 * (with 0 to 9 digits of fractions of a second: {@link Instant#toString()}'s layout for the years 0 to 9999). On
 * two cores, {@link java.time.format.DateTimeFormatter#ISO_DATE_TIME} took a third of the thread that reads an
 * orders CSV, which is what a CSV import waits for. Anything else, an invalid date too, is left to the formatter
 * (null), so that every value is accepted or refused exactly as before. Not API.
 */
final class UtcInstants {
  private UtcInstants() {}

  /**
   * @param value a stripped cell
   * @return the instant, or null when the value is not exactly {@code yyyy-MM-ddTHH:mm:ss[.f...]Z} with a valid
   *     date and time of day
   */
  static @Nullable Instant parse(String value) {
    int n = value.length();
    if (n < 20 || n == 21 || n > 30 || value.charAt(n - 1) != 'Z' || value.charAt(4) != '-'
        || value.charAt(7) != '-' || value.charAt(10) != 'T' || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return null;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    int hour = digits(value, 11, 2);
    int minute = digits(value, 14, 2);
    int second = digits(value, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) { // ".f" to ".fffffffff" before the Z
      if (value.charAt(19) != '.') {
        return null;
      }
      int fraction = digits(value, 20, n - 21);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay(); // refuses February 30 as the formatter does
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** @return the decimal number of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}

package dev.custintel.core.internal;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Argument checks that throw {@link InvalidInputException} naming the field. Not API. */
public final class Checks {
  /** Longest identifier the schema stores (customer, product and order ids). */
  public static final int MAX_ID_LENGTH = 64;

  /**
   * Earliest instant the store keeps: 0001-01-01T00:00:00Z. PostgreSQL refuses the years before 1 as written in
   * ISO-8601 (and H2 and PostgreSQL disagree on BC dates), so the store accepts the years 1 to 9999 only.
   */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  /** Latest instant the store keeps: 9999-12-31T23:59:59.999999Z (microseconds, as both databases keep). */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** Longest value a reason quotes in full. */
  private static final int MAX_QUOTED = 80;

  private Checks() {}

  public static <T> T notNull(@Nullable T value, String field) {
    if (value == null) {
      throw InvalidInputException.argument(field, "is required");
    }
    return value;
  }

  public static String id(@Nullable String value, String field) {
    value = notNull(value, field);
    if (value.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw InvalidInputException.argument(
          field, "must be at most " + MAX_ID_LENGTH + " characters (was " + value.length() + ")");
    }
    if (!value.equals(value.strip())) {
      throw InvalidInputException.argument(field, "must not start or end with whitespace (was '" + value + "')");
    }
    return noNul(value, field);
  }

  /** PostgreSQL refuses the NUL character in text, so no text the store keeps may hold it. */
  private static String noNul(String value, String field) {
    int at = value.indexOf('\u0000');
    if (at >= 0) {
      throw InvalidInputException.argument(
          field, "must not contain the NUL character (U+0000, at position " + (at + 1) + ")");
    }
    return value;
  }

  /**
   * @param value an instant to store
   * @param field the field name
   * @return the value, if it is within the years 1 to 9999 (UTC) that both databases keep
   */
  public static @Nullable Instant storable(@Nullable Instant value, String field) {
    if (value != null && (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT))) {
      throw InvalidInputException.argument(
          field, "must be between the years 1 and 9999 UTC (was " + value + ")");
    }
    return value;
  }

  public static @Nullable String optionalText(@Nullable String value, String field, int maxLength) {
    return value == null ? null : maxLength(value, field, maxLength);
  }

  private static String maxLength(String value, String field, int maxLength) {
    if (value.length() > maxLength) {
      throw InvalidInputException.argument(
          field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
    }
    return noNul(value, field);
  }

  public static String text(@Nullable String value, String field, int maxLength) {
    value = notNull(value, field);
    if (value.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank");
    }
    return maxLength(value, field, maxLength);
  }

  /** A non-negative amount with at most 4 decimal places and at most 15 integer digits (DECIMAL(19,4)). */
  public static BigDecimal amount(@Nullable BigDecimal value, String field) {
    value = notNull(value, field);
    if (value.signum() < 0) {
      throw InvalidInputException.argument(field, "must not be negative (was " + value.toPlainString() + ")");
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 4) {
      throw InvalidInputException.argument(
          field, "must have at most 4 decimal places (was " + value.toPlainString() + ")");
    }
    if (stripped.precision() - stripped.scale() > 15) {
      throw InvalidInputException.argument(
          field, "must be less than 10^15 (was " + value.toPlainString() + ")");
    }
    return value;
  }

  public static int positive(int value, String field) {
    if (value <= 0) {
      throw InvalidInputException.argument(field, "must be greater than 0 (was " + value + ")");
    }
    return value;
  }

  /**
   * @param value a value as written in the input
   * @return it in single quotes, shortened if long, for a reason such as {@code "(was 'abc')"}
   */
  public static String quote(String value) {
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "...";
    return "'" + shown + "'";
  }
}

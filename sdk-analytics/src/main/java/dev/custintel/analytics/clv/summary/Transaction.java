package dev.custintel.analytics.clv.summary;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One purchase by one customer.
 *
 * @param customerId the customer; not blank
 * @param day the UTC day of the purchase
 * @param amount the amount spent, in the caller's currency; at least 0
 */
public record Transaction(String customerId, LocalDate day, BigDecimal amount) {
  private static final long SECONDS_PER_DAY = 86_400;

  /**
   * Validates the fields.
   *
   * @throws InvalidInputException naming {@code customerId}, {@code day} or {@code amount} when it is missing,
   *     blank or negative
   */
  public Transaction {
    // Parameters are declared non-null, but callers convert from untyped data, so check and name the field.
    if (isNullOrBlank(customerId)) {
      throw InvalidInputException.argument("customerId", "must not be null or blank");
    }
    if (isNull(day)) {
      throw InvalidInputException.argument("day", "must not be null");
    }
    if (isNull(amount)) {
      throw InvalidInputException.argument("amount", "must not be null");
    }
    if (amount.signum() < 0) {
      throw InvalidInputException.argument("amount", "must be at least 0 (was " + amount.toPlainString() + ")");
    }
  }

  /**
   * @param customerId the customer; not blank
   * @param day the UTC day of the purchase
   * @param amount the amount spent; at least 0
   * @return the transaction
   */
  public static Transaction of(String customerId, LocalDate day, BigDecimal amount) {
    return new Transaction(customerId, day, amount);
  }

  /**
   * @param customerId the customer; not blank
   * @param at the instant of the purchase; reduced to its UTC day
   * @param amount the amount spent; at least 0
   * @return the transaction on the UTC day of {@code at}
   * @throws InvalidInputException when {@code at} is null or another field is invalid
   */
  public static Transaction at(String customerId, Instant at, BigDecimal amount) {
    if (isNull(at)) {
      throw InvalidInputException.argument("at", "must not be null");
    }
    // The UTC day as LocalDate.ofInstant(at, ZoneOffset.UTC) works it out, without the ZoneRules object that call
    // makes for every instant (a file of orders makes a transaction per order).
    return new Transaction(customerId, LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY)),
        amount);
  }

  private static boolean isNull(@Nullable Object value) {
    return value == null;
  }

  private static boolean isNullOrBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}

package dev.custintel.core.customer;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A half-open interval of time {@code [from, to)} in UTC.
 *
 * @param from first instant included
 * @param to first instant excluded; after {@code from}
 */
public record DateRange(Instant from, Instant to) {

  /** Validates that the range is not empty. */
  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw InvalidInputException.argument("to", "must be after from (" + from + " .. " + to + ")");
    }
  }

  /**
   * @param from first day included (UTC)
   * @param toInclusive last day included (UTC)
   * @return the range from the start of {@code from} to the end of {@code toInclusive}
   */
  public static DateRange ofDays(LocalDate from, LocalDate toInclusive) {
    return new DateRange(
        from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        toInclusive.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * @param month a calendar month (UTC)
   * @return that month
   */
  public static DateRange month(YearMonth month) {
    return ofDays(month.atDay(1), month.atEndOfMonth());
  }

  /**
   * @param clock the clock giving "now"
   * @return the current calendar month (UTC) up to its end
   */
  public static DateRange thisMonth(Clock clock) {
    return month(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
  }

  /**
   * @param clock the clock giving "now"
   * @param days number of days, at least 1
   * @return the last {@code days} x 24 hours up to now
   */
  public static DateRange lastDays(Clock clock, int days) {
    Checks.positive(days, "days");
    Instant now = clock.instant();
    return new DateRange(now.minusSeconds(86_400L * days), now);
  }

  /**
   * @param instant an instant
   * @return whether the instant is in the range
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}

package dev.custintel.analytics.clv;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.InvalidInputException;

/**
 * A span of time into the future, typed so its unit cannot be guessed wrong. A month is 1/12 of a 365.25-day year
 * ({@value #DAYS_PER_MONTH} days), a week 7 days. Converted to a model's unit with {@link #in(PeriodUnit)}.
 *
 * @param days the length in days, greater than 0 and at most 100 years
 */
public record Horizon(double days) {
  /** Days in a month: 365.25 / 12. */
  public static final double DAYS_PER_MONTH = 365.25 / 12.0;

  private static final double MAX_DAYS = 100 * 365.25;

  /**
   * Validates the length.
   *
   * @throws InvalidInputException {@code "horizon"} if not greater than 0, not finite or longer than 100 years
   */
  public Horizon {
    if (!(days > 0.0) || !(days <= MAX_DAYS)) {
      throw InvalidInputException.argument(
          "horizon", "must be longer than 0 and at most 100 years (was " + days + " days)");
    }
  }

  /**
   * @param days number of days, greater than 0
   * @return the horizon
   */
  public static Horizon days(double days) {
    return new Horizon(days);
  }

  /**
   * @param weeks number of weeks, greater than 0
   * @return the horizon
   */
  public static Horizon weeks(double weeks) {
    return new Horizon(weeks * 7.0);
  }

  /**
   * @param months number of months of {@value #DAYS_PER_MONTH} days, greater than 0
   * @return the horizon
   */
  public static Horizon months(double months) {
    return new Horizon(months * DAYS_PER_MONTH);
  }

  /** @return the length in months of {@value #DAYS_PER_MONTH} days */
  public double months() {
    return days / DAYS_PER_MONTH;
  }

  /**
   * @param unit a model's time unit
   * @return the length in that unit
   */
  public double in(PeriodUnit unit) {
    return days / unit.days();
  }

  @Override
  public String toString() {
    double m = months();
    return Math.abs(m - Math.rint(m)) < 1e-9 ? (long) Math.rint(m) + " months" : days + " days";
  }
}

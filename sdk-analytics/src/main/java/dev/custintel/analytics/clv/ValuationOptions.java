package dev.custintel.analytics.clv;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * How {@link CustomerValueModel} values customers.
 *
 * @param horizon how far ahead; value is counted in whole months (the last one partial when the horizon is not a
 *     whole number of months)
 * @param monthlyDiscountRate the discount rate per month, 0 or more and below 1: purchases in month {@code i}
 *     count {@code 1 / (1 + rate)^i}. 0.01 a month is about 12.7% a year
 * @param intervalLevel coverage of the value interval, greater than 0 and at most 0.999, for example 0.9 for a 90%
 *     interval
 */
public record ValuationOptions(Horizon horizon, double monthlyDiscountRate, double intervalLevel) {
  /**
   * The widest interval offered: beyond 99.9% the normal approximation of parameter uncertainty says nothing
   * useful, and the quantile would round to infinity.
   */
  public static final double MAX_INTERVAL_LEVEL = 0.999;

  /** Validates the options, naming the field at fault. */
  public ValuationOptions {
    Objects.requireNonNull(horizon, "horizon");
    if (!(monthlyDiscountRate >= 0.0 && monthlyDiscountRate < 1.0)) {
      throw InvalidInputException.argument(
          "monthlyDiscountRate", "must be 0 or more and below 1 (was " + monthlyDiscountRate + ")");
    }
    if (!(intervalLevel > 0.0 && intervalLevel <= MAX_INTERVAL_LEVEL)) {
      throw InvalidInputException.argument(
          "intervalLevel", "must be greater than 0 and at most 0.999 (was " + intervalLevel + ")");
    }
  }

  /**
   * 12 months, 1% a month, 90% intervals.
   *
   * @return the defaults
   */
  public static ValuationOptions defaults() {
    return new ValuationOptions(Horizon.months(12), 0.01, 0.9);
  }

  /**
   * @param horizon how far ahead
   * @return these options with another horizon
   */
  public ValuationOptions withHorizon(Horizon horizon) {
    return new ValuationOptions(horizon, monthlyDiscountRate, intervalLevel);
  }

  /**
   * @param rate the monthly discount rate
   * @return these options with another rate
   */
  public ValuationOptions withMonthlyDiscountRate(double rate) {
    return new ValuationOptions(horizon, rate, intervalLevel);
  }

  /**
   * @param level the interval coverage
   * @return these options with another coverage
   */
  public ValuationOptions withIntervalLevel(double level) {
    return new ValuationOptions(horizon, monthlyDiscountRate, level);
  }
}

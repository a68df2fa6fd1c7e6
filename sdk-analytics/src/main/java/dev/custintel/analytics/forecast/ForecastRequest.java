package dev.custintel.analytics.forecast;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * What a forecast covers.
 *
 * @param period the length of each period
 * @param periods how many periods after the calibration end (the model run's as-of day), 1 to 520
 * @param intervalLevel coverage of the existing customers' interval, greater than 0 and at most 0.999 (0.9 by
 *     default, as the LTV of a model run)
 * @param backtest whether to backtest the whole forecast on the periods before the calibration end
 */
public record ForecastRequest(ForecastPeriodUnit period, int periods, double intervalLevel, boolean backtest) {
  /** The longest horizon: ten years of weeks. */
  public static final int MAX_PERIODS = 520;

  /**
   * Validates the request.
   *
   * @throws InvalidInputException {@code "horizon"} or {@code "intervalLevel"} when out of range
   */
  public ForecastRequest {
    Objects.requireNonNull(period, "period");
    if (periods < 1 || periods > MAX_PERIODS) {
      throw InvalidInputException.argument(
          "horizon", "must be between 1 and " + MAX_PERIODS + " periods (was " + periods + ")");
    }
    if (!(intervalLevel > 0.0 && intervalLevel <= 0.999)) {
      throw InvalidInputException.argument(
          "intervalLevel", "must be greater than 0 and at most 0.999 (was " + intervalLevel + ")");
    }
  }

  /**
   * @param weeks the horizon in weeks, 1 to 520
   * @return a weekly forecast with a 90% interval and a backtest
   */
  public static ForecastRequest weeks(int weeks) {
    return new ForecastRequest(ForecastPeriodUnit.WEEK, weeks, 0.9, true);
  }

  /**
   * @param months the horizon in months, 1 to 520
   * @return a monthly forecast with a 90% interval and a backtest
   */
  public static ForecastRequest months(int months) {
    return new ForecastRequest(ForecastPeriodUnit.MONTH, months, 0.9, true);
  }

  /**
   * @param level the interval's coverage, greater than 0 and at most 0.999
   * @return this request with that interval level
   */
  public ForecastRequest withIntervalLevel(double level) {
    return new ForecastRequest(period, periods, level, backtest);
  }

  /**
   * @param value whether to backtest
   * @return this request with or without the backtest
   */
  public ForecastRequest withBacktest(boolean value) {
    return new ForecastRequest(period, periods, intervalLevel, value);
  }
}

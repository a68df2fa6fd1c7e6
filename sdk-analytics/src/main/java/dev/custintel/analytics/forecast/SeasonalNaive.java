package dev.custintel.analytics.forecast;

import dev.custintel.core.InvalidInputException;

/**
 * The seasonal naive forecast (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed.,
 * §5.2): {@code ŷ_{n+h} = y_{n+h−m(k+1)}} with {@code k = ⌊(h−1)/m⌋}, each future period repeating the last
 * observed period of the same season. With {@code m = 1} it is the naive forecast (the last value). Stateless.
 */
public final class SeasonalNaive {
  private SeasonalNaive() {}

  /**
   * @param history the observed series, oldest first, at least {@code season} values
   * @param season the season length {@code m}, 1 or more
   * @param horizon how many periods to forecast, 1 or more
   * @return the forecasts for periods {@code n+1 … n+horizon}
   * @throws InvalidInputException {@code "season"} or {@code "horizon"} when out of range, {@code "history"} when
   *     shorter than a season
   */
  public static double[] forecast(double[] history, int season, int horizon) {
    if (season < 1) {
      throw InvalidInputException.argument("season", "must be 1 or more (was " + season + ")");
    }
    if (horizon < 1) {
      throw InvalidInputException.argument("horizon", "must be 1 or more (was " + horizon + ")");
    }
    int n = history.length;
    if (n < season) {
      throw InvalidInputException.argument(
          "history", "must hold at least one season of " + season + " values (had " + n + ")");
    }
    double[] out = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      out[h - 1] = history[n - season + (h - 1) % season];
    }
    return out;
  }
}

package dev.custintel.analytics.forecast;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;

/**
 * Forecasts from the store's active model run: its purchase and spend models as fitted (nothing is refitted for
 * the forecast), the store's purchases in the run's currency up to the run's as-of day for the customers and
 * their first orders. Period 1 starts the day after the run's as-of day. Thread-safe.
 *
 * <p>The backtest refits the run's kind of purchase model and the Gamma-Gamma model on the purchases up to a
 * cutoff (see {@link Forecasts#backtestCutoff}) and compares the forecast from there with the purchase days that
 * followed, up to the as-of day.
 */
public interface ForecastClient {

  /**
   * @param request period, horizon, interval level and whether to backtest
   * @return the forecast
   * @throws ModelNotReadyException if no model run is active
   * @throws InvalidInputException as {@link Forecasts#forecast}
   */
  Forecast forecast(ForecastRequest request);
}

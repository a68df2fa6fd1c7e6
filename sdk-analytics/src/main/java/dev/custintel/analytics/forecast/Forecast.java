package dev.custintel.analytics.forecast;

import dev.custintel.analytics.clv.PurchaseModelKind;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Expected transactions and revenue per period after a calibration end, for the customers known then and for new
 * ones, with a backtest of the whole forecast.
 *
 * @param model the purchase model of the existing customers' forecast
 * @param currency the currency of every revenue figure
 * @param calibrationEnd the last day (UTC) of the data; period 1 starts the day after
 * @param period the length of the periods
 * @param intervalLevel the coverage of the existing customers' intervals
 * @param periods one forecast per period, in order
 * @param existingCustomers the existing customers over the whole horizon (its interval is that of the total, not
 *     the sum of the periods' bounds)
 * @param newCustomers new customers over the whole horizon
 * @param total the two together over the whole horizon
 * @param newCustomerModel how the new customers' first orders were forecast
 * @param backtest the backtest; null when not asked for or not possible (see {@code backtestSkipped})
 * @param backtestSkipped why there is no backtest although one was asked for; null otherwise
 */
public record Forecast(
    PurchaseModelKind model,
    Currency currency,
    LocalDate calibrationEnd,
    ForecastPeriodUnit period,
    double intervalLevel,
    List<PeriodForecast> periods,
    ExistingCustomersForecast existingCustomers,
    NewCustomersForecast newCustomers,
    ForecastTotal total,
    NewCustomerModel newCustomerModel,
    @Nullable ForecastBacktest backtest,
    @Nullable String backtestSkipped) {

  /** Copies the list so the result is immutable. */
  public Forecast {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(period, "period");
    periods = List.copyOf(periods);
    Objects.requireNonNull(existingCustomers, "existingCustomers");
    Objects.requireNonNull(newCustomers, "newCustomers");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(newCustomerModel, "newCustomerModel");
  }

  /**
   * @param value the backtest
   * @return this forecast with that backtest
   */
  public Forecast withBacktest(ForecastBacktest value) {
    return new Forecast(model, currency, calibrationEnd, period, intervalLevel, periods, existingCustomers,
        newCustomers, total, newCustomerModel, Objects.requireNonNull(value, "value"), null);
  }

  /**
   * @param reason why the backtest could not be run
   * @return this forecast without a backtest, saying why
   */
  public Forecast withBacktestSkipped(String reason) {
    return new Forecast(model, currency, calibrationEnd, period, intervalLevel, periods, existingCustomers,
        newCustomers, total, newCustomerModel, null, Objects.requireNonNull(reason, "reason"));
  }
}

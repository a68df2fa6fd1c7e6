package dev.custintel.analytics.forecast;

import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes forecasts from calibration summaries and fitted models, with no store. Stateless and thread-safe.
 *
 * <p><b>Existing customers.</b> Period {@code k} runs from the day after the calibration end {@code E}; with
 * {@code t_k} the time from {@code E} to its last day in the model's unit (the convention of the holdout of
 * {@link dev.custintel.analytics.clv.backtest.Backtest}), the expected repeat transactions of period {@code k} are
 * {@code Σ_customers E[Y(t_k) | x, t_x, T] − E[Y(t_{k−1}) | x, t_x, T]} and its revenue the same sum with each
 * term times the customer's Gamma-Gamma {@code E[Z | x, z̄]}. Summed over the horizon they are the backtest's
 * predicted holdout total. The interval is the LTV's delta method (see {@link ExistingCustomersForecast}).
 *
 * <p><b>New customers.</b> First orders per period are forecast by seasonal naive or additive Holt-Winters, chosen
 * by their error on the end of the history (see {@link NewCustomerModel}); their revenue is the forecast first
 * orders times the mean first-order value, plus their own repeat purchases: customers arriving in the middle of
 * period {@code j} make {@code E[X(t)]} (the purchase model's unconditional expectation) repeat purchases in the
 * {@code t} after, valued at the Gamma-Gamma population mean spend.
 *
 * <p><b>Backtest.</b> The last {@code w = min(horizon, ⌊P/2⌋)} periods before the forecast, {@code P} the
 * periods back to the earliest first purchase, are forecast from the data up to the day before them (the cutoff)
 * with models fitted there, and compared with the purchase days that happened.
 */
public final class Forecasts {
  private Forecasts() {}

  /**
   * Forecasts from the calibration summaries and models fitted on them. No backtest (see {@link #backtest}).
   *
   * @param calibration the customers' calibration summaries; period 1 starts the day after its calibration end
   * @param model the purchase and spend models fitted on them, in the same time unit
   * @param request period, horizon and interval level ({@code backtest} is ignored here)
   * @return the forecast, without a backtest
   * @throws InvalidInputException {@code "model"} when the model's unit is not the summaries'; as the models'
   *     predictions
   */
  public static Forecast forecast(Summaries calibration, CustomerValueModel model, ForecastRequest request) {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    PeriodUnit unit = calibration.unit();
    if (model.unit() != unit) {
      throw InvalidInputException.argument("model", "is in " + model.unit() + " but the summaries are in " + unit);
    }
    LocalDate end = calibration.calibrationEnd();
    LocalDate start = end.plusDays(1);
    ForecastPeriodUnit period = request.period();
    int horizon = request.periods();
    double[] ends = new double[horizon];
    for (int k = 0; k < horizon; k++) {
      ends[k] = unit.between(end, period.start(start, k + 1).minusDays(1));
    }
    ExistingCustomers.Result existing =
        ExistingCustomers.forecast(calibration.customers(), model, ends, request.intervalLevel());
    NewCustomers.Result fresh = NewCustomers.forecast(calibration.customers(), start, period, horizon,
        model.purchases(), unit, model.spend().expectedMeanSpend(), model.currency());
    List<PeriodForecast> periods = new ArrayList<>(horizon);
    for (int k = 0; k < horizon; k++) {
      periods.add(PeriodForecast.of(k + 1, period.start(start, k), period.start(start, k + 1).minusDays(1),
          existing.periods()[k], fresh.periods()[k]));
    }
    return new Forecast(model.purchases().kind(), model.currency(), end, period, request.intervalLevel(), periods,
        existing.total(), fresh.total(), ForecastTotal.of(existing.total(), fresh.total()), fresh.model(), null,
        null);
  }

  /**
   * Where the backtest of a forecast from these summaries cuts the data.
   *
   * @param calibration the calibration summaries of the forecast
   * @param request the forecast's request
   * @return the cutoff (the last day of the backtest's data) and the number of periods compared after it; empty
   *     when the history is shorter than two periods
   */
  public static Optional<BacktestWindow> backtestCutoff(Summaries calibration, ForecastRequest request) {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(request, "request");
    LocalDate start = calibration.calibrationEnd().plusDays(1);
    @Nullable LocalDate earliest = calibration.customers().stream().map(CustomerRfm::firstPurchaseDay)
        .min(LocalDate::compareTo).orElse(null);
    if (earliest == null) {
      return Optional.empty();
    }
    // Whole periods between the earliest first purchase and the forecast.
    int available = 0;
    while (!request.period().start(start, -(available + 1)).isBefore(earliest)) {
      available++;
    }
    int window = Math.min(request.periods(), available / 2);
    if (window < 1) {
      return Optional.empty();
    }
    return Optional.of(new BacktestWindow(request.period().start(start, -window).minusDays(1), window));
  }

  /**
   * The cutoff of a backtest and how many periods follow it up to the forecast's calibration end.
   *
   * @param cutoff the last day (UTC) of the data the backtest's models are fitted on
   * @param periods the periods compared after it, 1 or more
   */
  public record BacktestWindow(LocalDate cutoff, int periods) {}

  /**
   * Backtests the whole forecast: forecasts from the summaries at the cutoff and models fitted on them, and
   * compares each period's total transactions with the actual purchase days.
   *
   * @param atCutoff the calibration summaries with the cutoff as calibration end
   * @param modelAtCutoff models fitted on them
   * @param request period and interval level of the forecast
   * @param periods how many periods after the cutoff to compare, 1 or more
   * @param purchaseDays purchase days (customers with a purchase that day) per day, all customers, at least over
   *     the compared periods ({@link #purchaseDaysByDay})
   * @return the backtest
   * @throws InvalidInputException as {@link #forecast}, or {@code "periods"} below 1
   */
  public static ForecastBacktest backtest(Summaries atCutoff, CustomerValueModel modelAtCutoff,
      ForecastRequest request, int periods, NavigableMap<LocalDate, Integer> purchaseDays) {
    Objects.requireNonNull(purchaseDays, "purchaseDays");
    if (periods < 1) {
      throw InvalidInputException.argument("periods", "must be 1 or more (was " + periods + ")");
    }
    Forecast f = forecast(atCutoff, modelAtCutoff,
        new ForecastRequest(request.period(), periods, request.intervalLevel(), false));
    List<BacktestPeriod> rows = new ArrayList<>(periods);
    double cumulativePredicted = 0.0;
    long cumulativeActual = 0;
    double errors = 0.0;
    int counted = 0;
    for (PeriodForecast p : f.periods()) {
      long actual = 0;
      for (int count : purchaseDays.subMap(p.start(), true, p.end(), true).values()) {
        actual += count;
      }
      double predicted = p.total().expectedTransactions();
      cumulativePredicted += predicted;
      cumulativeActual += actual;
      if (actual > 0) {
        errors += Math.abs(predicted - actual) / actual;
        counted++;
      }
      rows.add(new BacktestPeriod(p.index(), p.start(), predicted, actual, cumulativePredicted, cumulativeActual));
    }
    return new ForecastBacktest(atCutoff.calibrationEnd(), rows, counted == 0 ? null : errors / counted, counted);
  }

  /**
   * @param transactions purchases, in any order
   * @return per UTC day, how many customers purchased that day (a customer's purchases on one day count once)
   */
  public static NavigableMap<LocalDate, Integer> purchaseDaysByDay(Collection<Transaction> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    Set<Map.Entry<String, LocalDate>> seen = new HashSet<>();
    NavigableMap<LocalDate, Integer> out = new TreeMap<>();
    for (Transaction t : transactions) {
      if (seen.add(Map.entry(t.customerId(), t.day()))) {
        out.merge(t.day(), 1, Integer::sum);
      }
    }
    return out;
  }
}

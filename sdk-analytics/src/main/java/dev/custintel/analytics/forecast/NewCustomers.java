package dev.custintel.analytics.forecast;

import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The new customers' part of a forecast: first orders per period counted from the customers' first purchase days,
 * forecast by seasonal naive or Holt-Winters, whichever has the smaller mean absolute error on the last periods of
 * the history. Not API.
 *
 * <p>History: the periods before the forecast, aligned on its first day (period −1 ends on the calibration end),
 * back to the one holding the earliest first purchase (which may therefore be partly before the data). Held out:
 * the last {@code v = min(horizon, ⌊n/3⌋)} of the {@code n} periods, none when {@code n < 3} (seasonal naive is
 * then used). The season is 52 weeks or 12 months when the series fitted holds two of them, else 1. Ties go to
 * seasonal naive, the simpler model. Forecasts below 0 are clipped to 0.
 */
final class NewCustomers {

  /** Per period, over the horizon, and the model. */
  record Result(NewCustomersForecast[] periods, NewCustomersForecast total, NewCustomerModel model) {}

  private NewCustomers() {}

  /**
   * @param customers the calibration summaries (their first purchase days and amounts)
   * @param start the forecast's first day
   * @param period the period length
   * @param horizon the number of periods
   * @param purchases the purchase model, for the new customers' own repeat purchases
   * @param unit the purchase model's time unit
   * @param meanSpend the spend model's population mean spend per repeat purchase
   */
  static Result forecast(List<CustomerRfm> customers, LocalDate start, ForecastPeriodUnit period, int horizon,
      PurchaseModel purchases, PeriodUnit unit, double meanSpend, Currency currency) {
    @Nullable LocalDate earliest = null;
    BigDecimal firstAmounts = BigDecimal.ZERO;
    for (CustomerRfm c : customers) {
      if (earliest == null || c.firstPurchaseDay().isBefore(earliest)) {
        earliest = c.firstPurchaseDay();
      }
      firstAmounts = firstAmounts.add(c.firstPurchaseAmount());
    }
    int n = 0;
    if (earliest != null) {
      while (period.start(start, -n).isAfter(earliest)) {
        n++;
      }
    }
    double[] history = new double[n];
    for (CustomerRfm c : customers) {
      int j = indexOf(period, start, c.firstPurchaseDay(), n);
      if (j >= 0) {
        history[j]++;
      }
    }
    double meanFirst = customers.isEmpty() ? 0.0 : firstAmounts.doubleValue() / customers.size();
    Choice choice = choose(history, period.season(), horizon);
    double[] firstOrders = choice.forecast();

    // Time from the calibration end to each period's last day and each period's middle, in the model's unit.
    LocalDate calibrationEnd = start.minusDays(1);
    double[] ends = new double[horizon];
    double[] middles = new double[horizon];
    for (int k = 0; k < horizon; k++) {
      LocalDate first = period.start(start, k);
      LocalDate last = period.start(start, k + 1).minusDays(1);
      ends[k] = unit.between(calibrationEnd, last);
      middles[k] = (unit.between(calibrationEnd, first) + ends[k]) / 2.0;
    }
    NewCustomersForecast[] out = new NewCustomersForecast[horizon];
    double totalFirst = 0.0;
    double totalRepeat = 0.0;
    double totalRevenue = 0.0;
    for (int k = 0; k < horizon; k++) {
      double repeats = 0.0;
      for (int j = 0; j <= k; j++) {
        if (firstOrders[j] > 0.0) {
          double to = purchases.expectedPurchases(Math.max(0.0, ends[k] - middles[j]));
          double from = k == 0 ? 0.0 : purchases.expectedPurchases(Math.max(0.0, ends[k - 1] - middles[j]));
          repeats += firstOrders[j] * Math.max(0.0, to - from);
        }
      }
      double revenue = firstOrders[k] * meanFirst + repeats * meanSpend;
      out[k] = new NewCustomersForecast(firstOrders[k], repeats, Money.rounded(revenue, currency));
      totalFirst += firstOrders[k];
      totalRepeat += repeats;
      totalRevenue += revenue;
    }
    NewCustomerModel model = new NewCustomerModel(choice.method(), choice.season(), n, choice.holdout(),
        choice.naiveError(), choice.holtWintersError(), choice.alpha(), choice.beta(), choice.gamma(),
        Money.rounded(meanFirst, currency));
    return new Result(out, new NewCustomersForecast(totalFirst, totalRepeat,
        Money.rounded(totalRevenue, currency)), model);
  }

  /** @return the history index (0 = oldest of {@code n}) of the period holding {@code day}, or −1 if outside */
  private static int indexOf(ForecastPeriodUnit period, LocalDate start, LocalDate day, int n) {
    if (!day.isBefore(start)) {
      return -1;
    }
    long offset = period == ForecastPeriodUnit.WEEK
        ? Math.floorDiv(ChronoUnit.DAYS.between(start, day), 7)
        : ChronoUnit.MONTHS.between(start, day) - (period.start(start, (int) ChronoUnit.MONTHS.between(start, day))
            .isAfter(day) ? 1 : 0);
    int j = (int) (n + offset);
    return j >= 0 && j < n ? j : -1;
  }

  /** The chosen method, its season and forecast, and both holdout errors. */
  record Choice(NewCustomerModel.Method method, int season, int holdout, @Nullable Double naiveError,
      @Nullable Double holtWintersError, @Nullable Double alpha, @Nullable Double beta, @Nullable Double gamma,
      double[] forecast) {}

  static Choice choose(double[] history, int fullSeason, int horizon) {
    int n = history.length;
    if (n == 0) {
      return new Choice(NewCustomerModel.Method.SEASONAL_NAIVE, 1, 0, null, null, null, null, null,
          new double[horizon]);
    }
    if (n < 3) {
      return new Choice(NewCustomerModel.Method.SEASONAL_NAIVE, 1, 0, null, null, null, null, null,
          clip(SeasonalNaive.forecast(history, 1, horizon)));
    }
    int v = Math.max(1, Math.min(horizon, n / 3));
    double[] train = java.util.Arrays.copyOf(history, n - v);
    int trainSeason = train.length >= 2 * fullSeason ? fullSeason : 1;
    double naiveError = mae(clip(SeasonalNaive.forecast(train, trainSeason, v)), history, n - v);
    double hwError = mae(clip(HoltWinters.fit(train, trainSeason).forecast(v)), history, n - v);
    int season = n >= 2 * fullSeason ? fullSeason : 1;
    if (hwError < naiveError) {
      HoltWinters hw = HoltWinters.fit(history, season);
      return new Choice(NewCustomerModel.Method.HOLT_WINTERS, season, v, naiveError, hwError, hw.alpha(), hw.beta(),
          hw.gamma(), clip(hw.forecast(horizon)));
    }
    return new Choice(NewCustomerModel.Method.SEASONAL_NAIVE, season, v, naiveError, hwError, null, null, null,
        clip(SeasonalNaive.forecast(history, season, horizon)));
  }

  private static double mae(double[] forecast, double[] history, int from) {
    double sum = 0.0;
    for (int i = 0; i < forecast.length; i++) {
      sum += Math.abs(forecast[i] - history[from + i]);
    }
    return sum / forecast.length;
  }

  private static double[] clip(double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(0.0, values[i]);
    }
    return values;
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.analytics.forecast.Forecast;
import dev.custintel.analytics.forecast.ForecastClient;
import dev.custintel.analytics.forecast.ForecastRequest;
import dev.custintel.analytics.forecast.Forecasts;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.CustintelException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.spi.StoreAccess;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Forecasts from the active run's fitted models and the store's purchases, all read in one snapshot: the summaries
 * at the run's as-of day, and for the backtest the summaries at the cutoff and the purchase days per day after it
 * (one aggregate statement whose result grows with days, not orders). Not API.
 */
public final class DefaultForecastClient implements ForecastClient {
  private final StoreAccess access;
  private final RunStore runs;
  private final ActiveRuns active;

  public DefaultForecastClient(StoreAccess access, RunStore runs, ActiveRuns active) {
    this.access = access;
    this.runs = runs;
    this.active = active;
  }

  @Override
  public Forecast forecast(ForecastRequest request) {
    Objects.requireNonNull(request, "request");
    long runId = runs.activeRunId().orElseThrow(() -> new ModelNotReadyException(RunStore.KIND));
    ActiveRuns.RunModels models = active.models(runId);
    ModelRun run = models.run();
    LocalDate asOf = run.data().asOf();
    PeriodUnit unit = run.data().unit();
    Currency currency = run.data().currency();
    PurchaseModelKind kind = models.valueModel().purchases().kind();
    return access.inSnapshot("Forecasting from model run " + runId, h -> {
      Summaries summaries = StoreSummaryReader.summarize(access, h, currency, asOf, unit);
      Forecast forecast = Forecasts.forecast(summaries, models.valueModel(), request);
      if (!request.backtest()) {
        return forecast;
      }
      Optional<Forecasts.BacktestWindow> window = Forecasts.backtestCutoff(summaries, request);
      if (window.isEmpty()) {
        return forecast.withBacktestSkipped("the purchases before " + asOf.plusDays(1) + " span fewer than two "
            + request.period().lowerCase() + "s");
      }
      LocalDate cutoff = window.get().cutoff();
      try {
        Summaries atCutoff = StoreSummaryReader.summarize(access, h, currency, cutoff, unit);
        CustomerValueModel model = CustomerValueModel.of(
            DefaultModelsClient.fitPurchases(kind, atCutoff.customers()),
            DefaultModelsClient.fitSpend(atCutoff.customers()), unit, currency);
        return forecast.withBacktest(Forecasts.backtest(atCutoff, model, request, window.get().periods(),
            purchaseDays(h, currency, cutoff, asOf)));
      } catch (CustintelException e) {
        // Such as too few customers or repeat purchases up to the cutoff for a fit: the forecast still stands.
        return forecast.withBacktestSkipped("the models could not be fitted on the purchases up to " + cutoff + ": "
            + e.getMessage());
      }
    });
  }

  /** Customers with a purchase in the currency on each UTC day in {@code (after, through]}. */
  private NavigableMap<LocalDate, Integer> purchaseDays(Handle h, Currency currency, LocalDate after,
      LocalDate through) {
    NavigableMap<LocalDate, Integer> out = new TreeMap<>();
    h.createQuery(access.sql("SELECT d, COUNT(*) FROM (SELECT DISTINCT customer_id, "
            + StoreSummaryReader.UTC_DAY_KEY + " AS d FROM {orders} WHERE kind = 'PURCHASE' AND currency = ?"
            + " AND placed_at >= ? AND placed_at < ?) x GROUP BY d"))
        .bind(0, currency.getCurrencyCode())
        .bind(1, after.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .bind(2, through.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .map((rs, ctx) -> {
          int d = rs.getInt(1);
          out.put(LocalDate.of(d / 10_000, d / 100 % 100, d % 100), rs.getInt(2));
          return Boolean.TRUE;
        })
        .list();
    return out;
  }
}

package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.ReferenceCustomer;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One versioned run of the customer-value models: what data it saw, the fits, the backtest, and (in the store)
 * a score for every customer. Runs are immutable once written; which one readers use is switched with
 * {@link ModelsClient#activate(long)}.
 *
 * @param id the run id, increasing
 * @param createdAt when the run was written
 * @param active whether readers use this run now
 * @param calibrationEnd the as-of day: purchases up to this UTC day were used, and recency and age are measured to
 *     its end
 * @param unit the time unit of recency, age and the models
 * @param currency the currency of the purchases used and of every value
 * @param customers customers scored
 * @param watermark the latest purchase the run counted
 * @param purchasesCounted purchases (orders, in {@code currency}, up to the as-of day) the run counted
 * @param duration wall time of the whole run, from the first query to the end of the write (before the commit)
 * @param valuation horizon, discount and interval level of the stored values
 * @param purchaseModel the purchase model fitted on all the data
 * @param spendModel the Gamma-Gamma spend model fitted on all the data
 * @param backtest the holdout backtest; null when none was asked for or it could not be done
 * @param backtestSkipped why there is no backtest; null when there is one
 * @param reference the median customer the value drivers compare with
 * @param timings wall time of each phase (summaries, backtest, fit, score, affinity, write)
 * @param affinity what the product-affinity mining found; null when the run mined none
 */
public record ModelRun(
    long id,
    Instant createdAt,
    boolean active,
    LocalDate calibrationEnd,
    PeriodUnit unit,
    Currency currency,
    int customers,
    Instant watermark,
    long purchasesCounted,
    Duration duration,
    ValuationOptions valuation,
    FitReport purchaseModel,
    FitReport spendModel,
    @Nullable BacktestReport backtest,
    @Nullable String backtestSkipped,
    ReferenceCustomer reference,
    Map<String, Duration> timings,
    @Nullable AffinityReport affinity) {

  /** Copies the map. */
  public ModelRun {
    timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
  }
}

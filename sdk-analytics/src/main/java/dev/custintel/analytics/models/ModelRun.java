package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.ReferenceCustomer;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One versioned run of the customer-value models: what data it saw, the fits, how well they predicted held-out
 * data, how long it took, and (in the store) a score for every customer. Runs are immutable once written; which
 * one readers use is switched with {@link ModelsClient#activate(long)}.
 *
 * <p>The figures are grouped by what they answer, so that the shape stays stable as runs learn to report more:
 * {@link Data} (which purchases), {@link Fits} (the fitted models), {@link Quality} (the backtest) and
 * {@link Timing} (where the time went).
 *
 * @param id the run id, increasing with each run written
 * @param createdAt when the run was written
 * @param active whether readers ({@code ci.churn()}, {@code ci.ltv()}, profiles) use this run now
 * @param data the purchases the run modelled
 * @param valuation horizon, monthly discount rate and interval level of the stored lifetime values
 * @param fits the models fitted on all of the run's data
 * @param quality the holdout backtest of the purchase model, or why there is none
 * @param timing wall time of the run and of each of its phases
 * @param affinity what the product-affinity mining found; null when the run mined none
 */
public record ModelRun(
    long id,
    Instant createdAt,
    boolean active,
    Data data,
    ValuationOptions valuation,
    Fits fits,
    Quality quality,
    Timing timing,
    @Nullable AffinityReport affinity) {

  /** Checks that no group is missing. */
  public ModelRun {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(valuation, "valuation");
    Objects.requireNonNull(fits, "fits");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(timing, "timing");
  }

  /**
   * The purchases a run modelled: those in one currency up to the end of one UTC day.
   *
   * @param asOf the as-of day: purchases up to the end of this UTC day were used, and recency and customer age are
   *     measured to its end. Every score of the run (churn risk, lifetime value, days since the last purchase) is
   *     as of this day
   * @param unit the time unit of recency, customer age and the models' rates
   * @param currency the currency of the purchases used and of every money figure of the run
   * @param customers customers scored: those with at least one purchase in {@code currency} up to {@code asOf}
   * @param purchases purchases (orders, not returns, in {@code currency}, up to {@code asOf}) the run counted
   * @param latestPurchaseAt when the latest purchase the run counted was placed
   */
  public record Data(
      LocalDate asOf, PeriodUnit unit, Currency currency, int customers, long purchases, Instant latestPurchaseAt) {

    /** Checks that nothing is missing. */
    public Data {
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(latestPurchaseAt, "latestPurchaseAt");
    }
  }

  /**
   * The models a run fitted on all of its data, and the customer its value drivers compare with.
   *
   * @param purchaseModel the purchase model (BG/NBD, MBG/NBD or Pareto/NBD): how often customers buy and how
   *     likely they are to still be buying
   * @param spendModel the Gamma-Gamma spend model: how much a customer spends per purchase
   * @param reference the median customer the value drivers of {@code ci.ltv()} compare with
   */
  public record Fits(FitReport purchaseModel, FitReport spendModel, ReferenceCustomer reference) {

    /** Checks that nothing is missing. */
    public Fits {
      Objects.requireNonNull(purchaseModel, "purchaseModel");
      Objects.requireNonNull(spendModel, "spendModel");
      Objects.requireNonNull(reference, "reference");
    }
  }

  /**
   * How well the purchase model predicted purchases it had not seen. Exactly one of the two is set.
   *
   * @param backtest the holdout backtest; null when none was asked for or it could not be done
   * @param backtestSkipped why there is no backtest (for example "not requested", or a holdout that starts before
   *     the first purchase); null when there is one
   */
  public record Quality(@Nullable BacktestReport backtest, @Nullable String backtestSkipped) {

    /**
     * @throws InvalidInputException naming {@code backtest} when both or neither are set
     */
    public Quality {
      if ((backtest == null) == (backtestSkipped == null)) {
        throw InvalidInputException.argument("backtest",
            "give either the backtest or why it was skipped, not " + (backtest == null ? "neither" : "both"));
      }
    }

    /**
     * @param report the backtest
     * @return the quality of a backtested run
     */
    public static Quality backtested(BacktestReport report) {
      return new Quality(Objects.requireNonNull(report, "report"), null);
    }

    /**
     * @param reason why there is no backtest
     * @return the quality of a run without a backtest
     */
    public static Quality skipped(String reason) {
      return new Quality(null, Objects.requireNonNull(reason, "reason"));
    }
  }

  /**
   * Where a run's time went.
   *
   * @param total wall time of the whole run, from the first query to the end of the write (before the commit)
   * @param phases wall time of each phase by name, in the order they ran ({@code summaries}, {@code backtest},
   *     {@code fit}, {@code score}, {@code affinity}, {@code write}; a phase the run skipped is absent). They can sum
   *     to less than {@code total}: the time between phases is not in any
   */
  public record Timing(Duration total, Map<String, Duration> phases) {

    /** Copies the map, keeping its order. */
    public Timing {
      Objects.requireNonNull(total, "total");
      phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
  }
}

package dev.custintel.analytics.clv.summary;

import dev.custintel.analytics.internal.models.StoreSummaryReader;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * Computes calibration summaries (and calibration/holdout splits) from the orders in a {@link CustintelStore}, with
 * the aggregation pushed down to the database: the same results as {@link CalibrationSummaries} over the same
 * purchases, on H2 and PostgreSQL alike. Stateless and thread-safe.
 *
 * <p>Which orders count:
 *
 * <ul>
 *   <li>Purchases only ({@code kind = 'PURCHASE'}). Returns are <em>not</em> subtracted from the summaries: the
 *       models describe buying behaviour, and returns are a separate signal.
 *   <li>One currency, named by the caller: orders in other currencies are ignored, since summaries across
 *       currencies would mix units.
 *   <li>An order's day is the UTC calendar day of its {@code placed_at} instant.
 * </ul>
 *
 * <p>Definitions (see the package documentation): same-day purchases of a customer merge into one purchase whose
 * amount is the sum of the order totals; {@code x} = number of distinct purchase days after the first, up to and
 * including the calibration end {@code E}; {@code t_x} = (last purchase day &minus; first purchase day) and
 * {@code T} = ({@code E} &minus; first purchase day), both in days divided by {@link PeriodUnit#days()} as doubles;
 * monetary value = mean amount of the repeat purchase days (0 when {@code x = 0}); customers whose first purchase
 * day is after {@code E} are left out and counted in {@link Summaries#excludedCustomers()}.
 *
 * <p>How: the database groups the orders by customer and UTC day and sums them (one row per customer and purchase
 * day, ordered by customer and day); those rows are streamed and folded in one pass holding one customer at a
 * time, so memory is O(customers) for the result only, plus O(days) for a split's repeat purchase days per day
 * (gathered in the same pass). A second query counts the customers who first bought after {@code E}. Both run in
 * one read-only repeatable-read transaction. Customers are returned in ascending order of their id
 * ({@link String#compareTo}), identically on every database.
 *
 * <p>Amounts keep the store's scale (4 decimals, {@code DECIMAL(19,4)}); the monetary value is rounded to 16
 * significant digits ({@link MathContext#DECIMAL64}) as in {@link CalibrationSummaries}.
 */
public final class StoreSummaries {
  private StoreSummaries() {}

  /**
   * Summarizes each customer's calibration period from the store's purchases in one currency.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize; orders in other currencies are ignored
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period; later purchases are ignored
   * @param unit the unit of recency and age
   * @return one summary per customer whose first purchase (in {@code currency}) is on or before
   *     {@code calibrationEnd}, in ascending order of customer id, and the number of customers excluded because
   *     they first bought later; empty when the store has no purchase in {@code currency}
   * @throws NullPointerException if an argument is null
   * @throws InvalidInputException {@code calibrationEnd} when it is before
   *     every purchase in {@code currency} (nothing could be summarized)
   * @throws DataAccessException if the database fails
   */
  public static Summaries summarize(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, PeriodUnit unit) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
    StoreAccess access = StoreAccess.of(store);
    return access.inSnapshot(reading(access, currency),
        h -> StoreSummaryReader.summarize(access, h, currency, calibrationEnd, unit));
  }

  /**
   * Summarizes each customer's calibration period and counts their purchase days in the holdout period after it,
   * from the store's purchases in one currency. Customers excluded from the calibration (first purchase after
   * {@code calibrationEnd}) are not reported in the holdout either.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize; orders in other currencies are ignored
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd}; later
   *     purchases are ignored
   * @param unit the unit of recency, age and the holdout duration
   * @return the calibration summaries with each customer's holdout purchase days and amount, in ascending order
   *     of customer id, and the summarized customers' repeat purchase days per day up to {@code holdoutEnd}
   * @throws InvalidInputException naming {@code holdoutEnd} when it is not after {@code calibrationEnd}, or as
   *     {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)}
   * @throws DataAccessException if the database fails
   */
  public static CalibrationHoldoutSplit split(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    Objects.requireNonNull(store, "store");
    StoreSummaryReader.checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    StoreAccess access = StoreAccess.of(store);
    return access.inSnapshot(reading(access, currency),
        h -> StoreSummaryReader.split(access, h, currency, calibrationEnd, holdoutEnd, unit));
  }

  /**
   * A calibration/holdout split and the summaries of the whole period up to the holdout end, from one read of the
   * orders: what a model run needs to backtest on a holdout and then fit on everything.
   *
   * @param split as {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)}
   * @param summaries as {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)} with the holdout end
   *     as calibration end
   */
  public record SplitAndSummaries(CalibrationHoldoutSplit split, Summaries summaries) {}

  /**
   * The split of {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)} and the summaries of
   * {@link #summarize(CustintelStore, Currency, LocalDate, PeriodUnit)} at {@code holdoutEnd}, identical to
   * calling both, with the orders read once.
   *
   * @param store the store whose orders are read
   * @param currency the currency of the orders to summarize
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period, and the end of the whole-period
   *     summaries; after {@code calibrationEnd}
   * @param unit the unit of recency, age and the holdout duration
   * @return both
   * @throws InvalidInputException as {@link #split(CustintelStore, Currency, LocalDate, LocalDate, PeriodUnit)}
   * @throws DataAccessException if the database fails
   */
  public static SplitAndSummaries splitAndSummarize(
      CustintelStore store, Currency currency, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    Objects.requireNonNull(store, "store");
    StoreSummaryReader.checkSplit(currency, calibrationEnd, holdoutEnd, unit);
    StoreAccess access = StoreAccess.of(store);
    return access.inSnapshot(reading(access, currency),
        h -> StoreSummaryReader.splitAndSummarize(access, h, currency, calibrationEnd, holdoutEnd, unit));
  }

  private static String reading(StoreAccess access, Currency currency) {
    return "Summarizing the " + currency.getCurrencyCode() + " purchases in " + access.table("orders");
  }
}

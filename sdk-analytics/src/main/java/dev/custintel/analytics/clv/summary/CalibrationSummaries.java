package dev.custintel.analytics.clv.summary;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes calibration summaries (and calibration/holdout splits) from transactions. Stateless and thread-safe;
 * see the package documentation for the definitions.
 *
 * <p>Cost: O(n log n) time and O(n) memory for n transactions.
 */
public final class CalibrationSummaries {

  private CalibrationSummaries() {}

  /**
   * Summarizes each customer's calibration period.
   *
   * @param transactions the transactions, in any order; same-day purchases of a customer are merged
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period; later transactions are ignored
   * @param unit the unit of recency and age
   * @return one summary per customer whose first purchase is on or before {@code calibrationEnd}, in order of first
   *     appearance in {@code transactions}, and the number of customers excluded because they first bought later
   * @throws InvalidInputException naming {@code transactions[i]} when an element is null, or
   *     {@code calibrationEnd} when it is before every transaction (nothing could be summarized)
   */
  public static Summaries summarize(
      Collection<Transaction> transactions, LocalDate calibrationEnd, PeriodUnit unit) {
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
    return summarize(dailyPurchases(transactions), calibrationEnd, unit);
  }

  /**
   * Summarizes each customer's calibration period and counts their purchases in the holdout period after it.
   * Customers excluded from the calibration (first purchase after {@code calibrationEnd}) are not reported in the
   * holdout either, because a model has nothing to predict for them.
   *
   * @param transactions the transactions, in any order; same-day purchases of a customer are merged
   * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
   * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after {@code calibrationEnd};
   *     transactions after it are ignored
   * @param unit the unit of recency, age and the holdout duration
   * @return the calibration summaries with each customer's holdout purchase days and amount, and the summarized
   *     customers' repeat purchase days per day up to {@code holdoutEnd}
   * @throws InvalidInputException naming {@code holdoutEnd} when it is not after {@code calibrationEnd}, or as
   *     {@link #summarize(Collection, LocalDate, PeriodUnit)}
   */
  public static CalibrationHoldoutSplit split(
      Collection<Transaction> transactions, LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit) {
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    Objects.requireNonNull(unit, "unit");
    if (!holdoutEnd.isAfter(calibrationEnd)) {
      throw InvalidInputException.argument(
          "holdoutEnd", "must be after calibrationEnd " + calibrationEnd + " (was " + holdoutEnd + ")");
    }
    Map<String, NavigableMap<LocalDate, BigDecimal>> daily = dailyPurchases(transactions);
    Summaries calibration = summarize(daily, calibrationEnd, unit);
    List<HoldoutActivity> holdout = new ArrayList<>(calibration.customers().size());
    NavigableMap<LocalDate, Integer> repeatsByDay = new TreeMap<>();
    for (CustomerRfm customer : calibration.customers()) {
      // Every summarized customer came from these daily purchases.
      NavigableMap<LocalDate, BigDecimal> all = Objects.requireNonNull(daily.get(customer.customerId()));
      // (calibrationEnd, holdoutEnd]: the day after the calibration end is the holdout's first day.
      NavigableMap<LocalDate, BigDecimal> days = all.subMap(calibrationEnd, false, holdoutEnd, true);
      holdout.add(new HoldoutActivity(customer.customerId(), days.size(), sum(days.values())));
      for (LocalDate day : all.subMap(customer.firstPurchaseDay(), false, holdoutEnd, true).keySet()) {
        repeatsByDay.merge(day, 1, Integer::sum);
      }
    }
    return new CalibrationHoldoutSplit(
        calibration, holdoutEnd, unit.between(calibrationEnd, holdoutEnd), holdout, repeatsByDay);
  }

  private static Summaries summarize(
      Map<String, NavigableMap<LocalDate, BigDecimal>> daily, LocalDate calibrationEnd, PeriodUnit unit) {
    List<CustomerRfm> summaries = new ArrayList<>(daily.size());
    int excluded = 0;
    @Nullable LocalDate earliest = null;
    for (Map.Entry<String, NavigableMap<LocalDate, BigDecimal>> entry : daily.entrySet()) {
      NavigableMap<LocalDate, BigDecimal> days = entry.getValue().headMap(calibrationEnd, true);
      LocalDate first = entry.getValue().firstKey();
      if (earliest == null || first.isBefore(earliest)) {
        earliest = first;
      }
      if (days.isEmpty()) {
        excluded++;
        continue;
      }
      summaries.add(summarize(entry.getKey(), days, calibrationEnd, unit));
    }
    if (earliest != null && summaries.isEmpty()) {
      // Almost always a wrong argument (such as a swapped year), not a meaningful empty result.
      throw InvalidInputException.argument(
          "calibrationEnd",
          "is before every transaction (was " + calibrationEnd + ", earliest transaction " + earliest + ")");
    }
    return new Summaries(summaries, calibrationEnd, unit, excluded);
  }

  private static CustomerRfm summarize(
      String customerId, NavigableMap<LocalDate, BigDecimal> days, LocalDate calibrationEnd, PeriodUnit unit) {
    Map.Entry<LocalDate, BigDecimal> first = days.firstEntry();
    return CustomerRfm.fromPurchaseDays(customerId, first.getKey(), first.getValue(), days.lastKey(),
        days.size() - 1, sum(days.tailMap(first.getKey(), false).values()), calibrationEnd, unit);
  }

  /** Groups by customer (in order of first appearance) and merges same-day purchases by summing their amounts. */
  private static Map<String, NavigableMap<LocalDate, BigDecimal>> dailyPurchases(
      Collection<Transaction> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    Map<String, NavigableMap<LocalDate, BigDecimal>> daily = new LinkedHashMap<>();
    int index = 0;
    for (@Nullable Transaction t : transactions) {
      if (t == null) {
        throw InvalidInputException.argument("transactions[" + index + "]", "must not be null");
      }
      daily.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.day(), t.amount(), BigDecimal::add);
      index++;
    }
    return daily;
  }

  private static BigDecimal sum(Collection<BigDecimal> amounts) {
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal amount : amounts) {
      total = total.add(amount);
    }
    return total;
  }
}

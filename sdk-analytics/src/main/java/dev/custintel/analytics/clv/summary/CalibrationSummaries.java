package dev.custintel.analytics.clv.summary;

import dev.custintel.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
    List<PurchaseDays> daily = dailyPurchases(transactions);
    Summaries calibration = summarize(daily, calibrationEnd, unit);
    long end = calibrationEnd.toEpochDay();
    long last = holdoutEnd.toEpochDay();
    List<HoldoutActivity> holdout = new ArrayList<>(calibration.customers().size());
    long[] repeatDays = new long[16];
    int repeats = 0;
    for (PurchaseDays customer : daily) {
      if (customer.days[0] > end) {
        continue; // first bought after the calibration: not summarized, so not in the holdout either
      }
      // (calibrationEnd, holdoutEnd]: the day after the calibration end is the holdout's first day.
      int from = customer.countUpTo(end);
      int to = customer.countUpTo(last);
      holdout.add(new HoldoutActivity(customer.customerId, to - from, customer.sum(from, to)));
      if (repeats + to > repeatDays.length) {
        repeatDays = Arrays.copyOf(repeatDays, Math.max(repeatDays.length * 2, repeats + to));
      }
      System.arraycopy(customer.days, 1, repeatDays, repeats, Math.max(0, to - 1)); // after the first day
      repeats += Math.max(0, to - 1);
    }
    // The summarized customers' repeat purchase days, counted per day: sorted, then counted in runs.
    Arrays.sort(repeatDays, 0, repeats);
    NavigableMap<LocalDate, Integer> repeatsByDay = new TreeMap<>();
    for (int i = 0; i < repeats; ) {
      int j = i;
      while (j < repeats && repeatDays[j] == repeatDays[i]) {
        j++;
      }
      repeatsByDay.put(LocalDate.ofEpochDay(repeatDays[i]), j - i);
      i = j;
    }
    return new CalibrationHoldoutSplit(
        calibration, holdoutEnd, unit.between(calibrationEnd, holdoutEnd), holdout, repeatsByDay);
  }

  private static Summaries summarize(List<PurchaseDays> daily, LocalDate calibrationEnd, PeriodUnit unit) {
    long end = calibrationEnd.toEpochDay();
    List<CustomerRfm> summaries = new ArrayList<>(daily.size());
    int excluded = 0;
    long earliest = Long.MAX_VALUE;
    for (PurchaseDays customer : daily) {
      earliest = Math.min(earliest, customer.days[0]);
      int days = customer.countUpTo(end);
      if (days == 0) {
        excluded++;
        continue;
      }
      summaries.add(CustomerRfm.fromPurchaseDays(customer.customerId, LocalDate.ofEpochDay(customer.days[0]),
          customer.amounts[0], LocalDate.ofEpochDay(customer.days[days - 1]), days - 1, customer.sum(1, days),
          calibrationEnd, unit));
    }
    if (!daily.isEmpty() && summaries.isEmpty()) {
      // Almost always a wrong argument (such as a swapped year), not a meaningful empty result.
      throw InvalidInputException.argument(
          "calibrationEnd",
          "is before every transaction (was " + calibrationEnd + ", earliest transaction "
              + LocalDate.ofEpochDay(earliest) + ")");
    }
    return new Summaries(summaries, calibrationEnd, unit, excluded);
  }

  /**
   * Groups by customer (in order of first appearance) and merges same-day purchases by summing their amounts
   * (exactly: a sum of {@code BigDecimal}s does not depend on their order).
   */
  private static List<PurchaseDays> dailyPurchases(Collection<Transaction> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    Map<String, PurchaseDays> daily = new LinkedHashMap<>();
    int index = 0;
    for (@Nullable Transaction t : transactions) {
      if (t == null) {
        throw InvalidInputException.argument("transactions[" + index + "]", "must not be null");
      }
      PurchaseDays customer = daily.get(t.customerId());
      if (customer == null) {
        customer = new PurchaseDays(t.customerId());
        daily.put(t.customerId(), customer);
      }
      customer.add(t.day().toEpochDay(), t.amount());
      index++;
    }
    List<PurchaseDays> customers = new ArrayList<>(daily.values());
    for (PurchaseDays customer : customers) {
      customer.settle();
    }
    return customers;
  }

  /**
   * One customer's purchase days (epoch days) and each day's amount: in arrival order while the transactions are
   * read, same-day purchases that arrive together merged at once; then ({@link #settle()}) in ascending order of
   * day, every day once.
   */
  private static final class PurchaseDays {
    final String customerId;
    long[] days = new long[4];
    BigDecimal[] amounts = new BigDecimal[4];
    int size;
    private boolean ascending = true;

    PurchaseDays(String customerId) {
      this.customerId = customerId;
    }

    void add(long day, BigDecimal amount) {
      if (size > 0) {
        long previous = days[size - 1];
        if (day == previous) {
          amounts[size - 1] = amounts[size - 1].add(amount);
          return;
        }
        ascending &= day > previous;
      }
      if (size == days.length) {
        days = Arrays.copyOf(days, size * 2);
        amounts = Arrays.copyOf(amounts, size * 2);
      }
      days[size] = day;
      amounts[size] = amount;
      size++;
    }

    /** Sorts the days and merges each day's amounts, if they did not arrive in ascending order. */
    void settle() {
      if (ascending) {
        return;
      }
      long[] sorted = Arrays.copyOf(days, size);
      Arrays.sort(sorted);
      int unique = 0;
      for (int i = 0; i < size; i++) {
        if (unique == 0 || sorted[unique - 1] != sorted[i]) {
          sorted[unique++] = sorted[i];
        }
      }
      BigDecimal[] merged = new BigDecimal[unique];
      for (int i = 0; i < size; i++) {
        int at = Arrays.binarySearch(sorted, 0, unique, days[i]);
        BigDecimal sum = merged[at];
        merged[at] = sum == null ? amounts[i] : sum.add(amounts[i]);
      }
      days = sorted;
      amounts = merged;
      size = unique;
      ascending = true;
    }

    /** @return how many of the (settled) days are on or before {@code day} */
    int countUpTo(long day) {
      int low = 0;
      int high = size;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (days[mid] <= day) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }

    /** @return the sum of the amounts of days {@code [from, to)}, from {@link BigDecimal#ZERO} */
    BigDecimal sum(int from, int to) {
      BigDecimal total = BigDecimal.ZERO;
      for (int i = from; i < to; i++) {
        total = total.add(amounts[i]);
      }
      return total;
    }
  }
}

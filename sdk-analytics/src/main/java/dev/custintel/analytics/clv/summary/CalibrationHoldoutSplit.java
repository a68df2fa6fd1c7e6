package dev.custintel.analytics.clv.summary;

import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Calibration summaries plus what each summarized customer did in the following holdout period, for checking a
 * model's predictions against actual purchases.
 *
 * @param calibration the calibration summaries
 * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after the calibration end
 * @param holdoutDuration length of the holdout period ({@code holdoutEnd - calibrationEnd}) in the calibration's
 *     {@link PeriodUnit}
 * @param holdout one entry per calibration customer, in the same order as {@link Summaries#customers()}
 * @param repeatPurchasesByDay for the customers of {@code calibration} only, the number of repeat purchase days
 *     (every purchase day of a customer but the first; same-day purchases merged) on each calendar day (UTC) from
 *     the earliest first purchase up to and including {@code holdoutEnd}, over the calibration and holdout periods
 *     alike; days without a repeat purchase are absent. Its size is bounded by the number of days, not customers.
 *     Consistent with the rest: the counts up to the calibration end add up to
 *     {@link Summaries#totalRepeatPurchases()} and those after it to {@link #totalHoldoutPurchases()}. This is what
 *     the cumulative repeat-transaction tracking of a backtest needs, without the transactions
 */
public record CalibrationHoldoutSplit(
    Summaries calibration,
    LocalDate holdoutEnd,
    double holdoutDuration,
    List<HoldoutActivity> holdout,
    NavigableMap<LocalDate, Integer> repeatPurchasesByDay) {

  /**
   * Copies the list and the map so the result is immutable, and checks the map.
   *
   * @throws InvalidInputException naming {@code repeatPurchasesByDay} when it holds a null day or count, a count
   *     that is not positive, a day not after the earliest first purchase or after {@code holdoutEnd}, or counts
   *     that do not add up to the calibration frequencies and holdout purchases
   */
  public CalibrationHoldoutSplit {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    holdout = List.copyOf(holdout);
    repeatPurchasesByDay = Collections.unmodifiableNavigableMap(copy(repeatPurchasesByDay));
    checkRepeats(calibration, holdoutEnd, holdout, repeatPurchasesByDay);
  }

  /** @return the sum of all customers' holdout purchase days */
  public long totalHoldoutPurchases() {
    return holdout.stream().mapToLong(HoldoutActivity::purchases).sum();
  }

  private static TreeMap<LocalDate, Integer> copy(NavigableMap<LocalDate, Integer> repeats) {
    Objects.requireNonNull(repeats, "repeatPurchasesByDay");
    TreeMap<LocalDate, Integer> result = new TreeMap<>();
    for (Map.Entry<LocalDate, Integer> e : repeats.entrySet()) {
      @Nullable LocalDate day = e.getKey();
      @Nullable Integer count = e.getValue();
      if (day == null || count == null) {
        throw InvalidInputException.argument("repeatPurchasesByDay", "must not contain a null day or count");
      }
      if (count <= 0) {
        throw InvalidInputException.argument(
            "repeatPurchasesByDay", "counts must be positive (was " + count + " on " + day + ")");
      }
      result.put(day, count);
    }
    return result;
  }

  private static void checkRepeats(
      Summaries calibration,
      LocalDate holdoutEnd,
      List<HoldoutActivity> holdout,
      NavigableMap<LocalDate, Integer> repeats) {
    if (!repeats.isEmpty()) {
      // Non-empty counts imply a repeat purchase, hence a customer (checked by the sums below).
      LocalDate earliest =
          calibration.customers().stream()
              .map(CustomerRfm::firstPurchaseDay)
              .min(LocalDate::compareTo)
              .orElse(LocalDate.MAX);
      if (!repeats.firstKey().isAfter(earliest) || repeats.lastKey().isAfter(holdoutEnd)) {
        throw InvalidInputException.argument(
            "repeatPurchasesByDay",
            "days must be after the earliest first purchase and on or before the holdout end "
                + holdoutEnd
                + " (were "
                + repeats.firstKey()
                + " to "
                + repeats.lastKey()
                + ")");
      }
    }
    LocalDate calibrationEnd = calibration.calibrationEnd();
    long inCalibration = sum(repeats.headMap(calibrationEnd, true));
    long inHoldout = sum(repeats.tailMap(calibrationEnd, false));
    long frequencies = calibration.totalRepeatPurchases();
    long holdoutPurchases = holdout.stream().mapToLong(HoldoutActivity::purchases).sum();
    if (inCalibration != frequencies || inHoldout != holdoutPurchases) {
      throw InvalidInputException.argument(
          "repeatPurchasesByDay",
          "must add up to the calibration frequencies ("
              + frequencies
              + ", was "
              + inCalibration
              + ") and the holdout purchases ("
              + holdoutPurchases
              + ", was "
              + inHoldout
              + ")");
    }
  }

  private static long sum(Map<LocalDate, Integer> counts) {
    long total = 0;
    for (int count : counts.values()) {
      total += count;
    }
    return total;
  }
}

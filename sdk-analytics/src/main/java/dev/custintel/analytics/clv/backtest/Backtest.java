package dev.custintel.analytics.clv.backtest;

import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.internal.SummaryTable;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.HoldoutActivity;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.clv.summary.Transaction;
import dev.custintel.core.InvalidInputException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares a model's predictions from a calibration period with the holdout period that follows. Stateless and
 * thread-safe (as far as the predictor is).
 *
 * <p>Cost: O(n log n) for n customers (and transactions, for {@link #run(CalibrationHoldoutSplit, Collection,
 * PurchasePredictor)}), plus one {@link PurchasePredictor#expectedPurchases} call per period and distinct
 * first-purchase day for the tracking.
 */
public final class Backtest {

  /** Number of bins of the P(alive) calibration table (fewer when there are fewer customers). */
  public static final int CALIBRATION_BINS = 10;

  private Backtest() {}

  /**
   * Runs the backtest from the split alone, such as one computed in the database by
   * {@link dev.custintel.analytics.clv.summary.StoreSummaries#split StoreSummaries.split}.
   *
   * <p>Holdout predictions are {@code E[Y(h) | x, t_x, T]} with {@code h = split.holdoutDuration()}. The tracking
   * divides the days from the earliest first purchase to the holdout end into periods of the split's unit, and
   * counts the repeat purchase days of {@link CalibrationHoldoutSplit#repeatPurchasesByDay()} in each; a customer's
   * time at the end of period {@code k} is measured from the first purchase day to the period's last day (the
   * convention of {@link CustomerRfm#age()}, so that the period ending on the calibration end uses exactly
   * {@code T}).
   *
   * @param split the calibration summaries, holdout activity and repeat purchase days per day
   * @param predictor the model, fitted on {@code split.calibration()}
   * @return the backtest report
   * @throws InvalidInputException naming {@code split} when it has no customers, or {@code predictor} when it
   *     returns a value that is not finite (or a P(alive) outside [0, 1])
   */
  public static BacktestResult run(CalibrationHoldoutSplit split, PurchasePredictor predictor) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(predictor, "predictor");
    requireCustomers(split);
    return run(split, split.repeatPurchasesByDay(), predictor);
  }

  /**
   * Runs the backtest with the tracking counted from the transactions the split was computed from, checking that
   * they match it. Gives the same result as {@link #run(CalibrationHoldoutSplit, PurchasePredictor)} for those
   * transactions, which needs no transactions in memory.
   *
   * @param split the calibration summaries and holdout activity
   * @param transactions the transactions {@code split} was computed from (the tracking counts their repeat purchase
   *     days instead of {@link CalibrationHoldoutSplit#repeatPurchasesByDay()}); transactions of customers not in
   *     the split and after the holdout end are ignored
   * @param predictor the model, fitted on {@code split.calibration()}
   * @return the backtest report
   * @throws InvalidInputException naming {@code split} when it has no customers, {@code transactions} when they do
   *     not match the split (a customer missing or with another first purchase day), or {@code predictor} when it
   *     returns a value that is not finite (or a P(alive) outside [0, 1])
   */
  public static BacktestResult run(
      CalibrationHoldoutSplit split, Collection<Transaction> transactions, PurchasePredictor predictor) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(predictor, "predictor");
    requireCustomers(split);
    return run(split, repeatPurchasesByDay(split, transactions), predictor);
  }

  private static BacktestResult run(
      CalibrationHoldoutSplit split, NavigableMap<LocalDate, Integer> repeatsByDay, PurchasePredictor predictor) {
    List<CustomerPrediction> customers = predictions(split, predictor);
    return new BacktestResult(
        customers,
        accuracy(customers),
        aliveAuc(customers),
        aliveCalibration(customers),
        tracking(split, repeatsByDay, predictor));
  }

  private static void requireCustomers(CalibrationHoldoutSplit split) {
    if (split.calibration().customers().isEmpty()) {
      throw InvalidInputException.argument("split", "must contain at least one customer");
    }
  }

  /**
   * Each customer's predictions. The predictor is asked once per distinct {@code (x, t_x, T)}, in order of first
   * appearance and on the calling thread (a predictor need not be thread-safe), and customers with the same
   * summary share the answers: a base of a million customers has a few hundred thousand distinct summaries. A
   * value that is not finite is reported for the first customer with that summary, the one a customer-by-customer
   * loop would have stopped at.
   */
  private static List<CustomerPrediction> predictions(CalibrationHoldoutSplit split, PurchasePredictor predictor) {
    List<CustomerRfm> rfm = split.calibration().customers();
    List<HoldoutActivity> holdout = split.holdout();
    double horizon = split.holdoutDuration();
    int n = rfm.size();
    SummaryTable keys = new SummaryTable(n);
    int[] keyOf = new int[n];
    double[] predicted = new double[Math.min(n, 16)];
    double[] alive = new double[predicted.length];
    for (int i = 0; i < n; i++) {
      CustomerRfm c = rfm.get(i);
      int k = keys.add(c.frequency(), c.recency(), c.age(), 1);
      keyOf[i] = k;
      if (k == predicted.length) {
        predicted = Arrays.copyOf(predicted, Math.min(n, 2 * predicted.length));
        alive = Arrays.copyOf(alive, predicted.length);
      }
      if (keys.count(k) == 1) { // first customer with this summary
        RfmSummary summary = RfmSummary.of(c.frequency(), c.recency(), c.age());
        predicted[k] = finite(predictor.conditionalExpectedPurchases(horizon, summary), "conditional", c);
        alive[k] = finite(predictor.probabilityAlive(summary), "P(alive)", c);
        if (alive[k] < 0.0 || alive[k] > 1.0) {
          throw InvalidInputException.argument(
              "predictor", "returned P(alive) " + alive[k] + " outside [0, 1] for customer " + c.customerId());
        }
      }
    }
    List<CustomerPrediction> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = keyOf[i];
      result.add(new CustomerPrediction(rfm.get(i).customerId(), predicted[k], holdout.get(i).purchases(), alive[k]));
    }
    return result;
  }

  private static HoldoutAccuracy accuracy(List<CustomerPrediction> customers) {
    double absolute = 0.0;
    double squared = 0.0;
    double predicted = 0.0;
    long actual = 0;
    for (CustomerPrediction c : customers) {
      double error = c.predictedPurchases() - c.actualPurchases();
      absolute += Math.abs(error);
      squared += error * error;
      predicted += c.predictedPurchases();
      actual += c.actualPurchases();
    }
    int n = customers.size();
    return new HoldoutAccuracy(n, absolute / n, Math.sqrt(squared / n), predicted, actual);
  }

  private static OptionalDouble aliveAuc(List<CustomerPrediction> customers) {
    int n = customers.size();
    double[] scores = new double[n];
    boolean[] purchased = new boolean[n];
    boolean anyPositive = false;
    boolean anyNegative = false;
    for (int i = 0; i < n; i++) {
      scores[i] = customers.get(i).probabilityAlive();
      purchased[i] = customers.get(i).actualPurchases() > 0;
      anyPositive |= purchased[i];
      anyNegative |= !purchased[i];
    }
    return anyPositive && anyNegative ? OptionalDouble.of(Auc.of(scores, purchased)) : OptionalDouble.empty();
  }

  private static List<CalibrationBin> aliveCalibration(List<CustomerPrediction> customers) {
    int n = customers.size();
    int bins = Math.min(CALIBRATION_BINS, n);
    CustomerPrediction[] sorted = customers.toArray(new CustomerPrediction[0]);
    Arrays.sort(sorted, Comparator.comparingDouble(CustomerPrediction::probabilityAlive));
    List<CalibrationBin> result = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      // Rank r belongs to bin floor(r * bins / n): sizes differ by at most one.
      int from = (int) ((long) b * n / bins);
      int to = (int) ((long) (b + 1) * n / bins);
      double sum = 0.0;
      int buyers = 0;
      for (int r = from; r < to; r++) {
        sum += sorted[r].probabilityAlive();
        if (sorted[r].actualPurchases() > 0) {
          buyers++;
        }
      }
      int size = to - from;
      result.add(
          new CalibrationBin(
              b + 1,
              size,
              sorted[from].probabilityAlive(),
              sorted[to - 1].probabilityAlive(),
              sum / size,
              buyers / (double) size));
    }
    return result;
  }

  /**
   * The split customers' repeat purchase days per day up to the holdout end, counted from the transactions after
   * checking that every customer's first purchase day in them is the split's.
   */
  private static NavigableMap<LocalDate, Integer> repeatPurchasesByDay(
      CalibrationHoldoutSplit split, Collection<Transaction> transactions) {
    List<CustomerRfm> rfm = split.calibration().customers();
    LocalDate holdoutEnd = split.holdoutEnd();
    Map<String, NavigableSet<LocalDate>> days = new HashMap<>(rfm.size() * 2);
    for (CustomerRfm c : rfm) {
      days.put(c.customerId(), new TreeSet<>());
    }
    int index = 0;
    for (@Nullable Transaction t : transactions) {
      if (t == null) {
        throw InvalidInputException.argument("transactions[" + index + "]", "must not be null");
      }
      NavigableSet<LocalDate> own = days.get(t.customerId());
      if (own != null && !t.day().isAfter(holdoutEnd)) {
        own.add(t.day());
      }
      index++;
    }
    NavigableMap<LocalDate, Integer> result = new TreeMap<>();
    for (CustomerRfm c : rfm) {
      NavigableSet<LocalDate> own = Objects.requireNonNull(days.get(c.customerId()), "every customer has a set");
      if (own.isEmpty() || !own.first().equals(c.firstPurchaseDay())) {
        throw InvalidInputException.argument(
            "transactions",
            "must be those the split was computed from (customer "
                + c.customerId()
                + " first purchased on "
                + c.firstPurchaseDay()
                + " in the split, "
                + (own.isEmpty() ? "never" : "on " + own.first())
                + " in the transactions)");
      }
      for (LocalDate day : own.tailSet(own.first(), false)) {
        result.merge(day, 1, Integer::sum);
      }
    }
    return result;
  }

  /**
   * The cumulative tracking from repeat purchase days per day, which (as {@link CalibrationHoldoutSplit} ensures)
   * are after the earliest first purchase and on or before the holdout end.
   */
  private static List<TrackingPoint> tracking(
      CalibrationHoldoutSplit split, NavigableMap<LocalDate, Integer> repeatsByDay, PurchasePredictor predictor) {
    PeriodUnit unit = split.calibration().unit();
    LocalDate calibrationEnd = split.calibration().calibrationEnd();
    LocalDate holdoutEnd = split.holdoutEnd();

    TreeMap<LocalDate, Integer> cohorts = new TreeMap<>();
    for (CustomerRfm c : split.calibration().customers()) {
      cohorts.merge(c.firstPurchaseDay(), 1, Integer::sum);
    }
    LocalDate start = cohorts.firstKey();

    int unitDays = unit.days();
    long spanDays = ChronoUnit.DAYS.between(start, holdoutEnd) + 1;
    int periods = Math.toIntExact((spanDays + unitDays - 1) / unitDays);
    long[] repeatsInPeriod = new long[periods];
    for (Map.Entry<LocalDate, Integer> repeats : repeatsByDay.entrySet()) {
      repeatsInPeriod[(int) (ChronoUnit.DAYS.between(start, repeats.getKey()) / unitDays)] += repeats.getValue();
    }

    List<TrackingPoint> result = new ArrayList<>(periods);
    // E[X(t)] depends on the cohort's day and the period's end only through the days between them: the periods'
    // ends are a unit apart and the cohorts' days consecutive, so most pairs share a difference. Each distinct
    // difference is asked once (the CDNOW sample: 630 calls instead of 6,552, each a hypergeometric series).
    Map<Long, Double> expectedAfterDays = new HashMap<>();
    long cumulative = 0;
    for (int k = 1; k <= periods; k++) {
      cumulative += repeatsInPeriod[k - 1];
      LocalDate last = start.plusDays((long) k * unitDays - 1);
      if (last.isAfter(holdoutEnd)) {
        last = holdoutEnd;
      }
      double predicted = 0.0;
      for (Map.Entry<LocalDate, Integer> cohort : cohorts.headMap(last, true).entrySet()) {
        long days = ChronoUnit.DAYS.between(cohort.getKey(), last);
        Double known = expectedAfterDays.get(days);
        double expected;
        if (known != null) {
          expected = known;
        } else {
          double t = unit.between(cohort.getKey(), last);
          expected = predictor.expectedPurchases(t);
          if (!Double.isFinite(expected)) {
            throw InvalidInputException.argument(
                "predictor", "returned " + expected + " as expected purchases for t = " + t);
          }
          expectedAfterDays.put(days, expected);
        }
        predicted += cohort.getValue() * expected;
      }
      result.add(new TrackingPoint(k, cumulative, predicted, last.isAfter(calibrationEnd)));
    }
    return result;
  }

  private static double finite(double value, String what, CustomerRfm customer) {
    if (!Double.isFinite(value)) {
      throw InvalidInputException.argument(
          "predictor", "returned " + value + " as " + what + " for customer " + customer.customerId());
    }
    return value;
  }
}

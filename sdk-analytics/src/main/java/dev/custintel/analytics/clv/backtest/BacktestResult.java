package dev.custintel.analytics.clv.backtest;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything a {@link Backtest} reports.
 *
 * @param customers one prediction per customer of the split, in the split's order
 * @param accuracy per-customer holdout accuracy and totals
 * @param aliveAuc AUC of P(alive) for "purchased in the holdout" — equally, of churn risk {@code 1 − P(alive)} for
 *     "no purchase in the holdout"; empty when every customer, or none, purchased in the holdout
 * @param aliveCalibration deciles of predicted P(alive), lowest first, with the observed share of buyers
 * @param tracking cumulative repeat transactions for periods 1..N of the calibration + holdout span
 */
public record BacktestResult(
    List<CustomerPrediction> customers,
    HoldoutAccuracy accuracy,
    OptionalDouble aliveAuc,
    List<CalibrationBin> aliveCalibration,
    List<TrackingPoint> tracking) {

  /** Copies the lists so the result is immutable. */
  public BacktestResult {
    customers = List.copyOf(customers);
    Objects.requireNonNull(accuracy, "accuracy");
    Objects.requireNonNull(aliveAuc, "aliveAuc");
    aliveCalibration = List.copyOf(aliveCalibration);
    tracking = List.copyOf(tracking);
  }
}

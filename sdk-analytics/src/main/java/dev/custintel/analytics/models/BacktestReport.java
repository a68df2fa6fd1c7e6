package dev.custintel.analytics.models;

import dev.custintel.analytics.clv.backtest.CalibrationBin;
import dev.custintel.analytics.clv.backtest.TrackingPoint;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the run's purchase model did on data it had not seen: fitted on purchases up to {@code calibrationEnd},
 * checked against the holdout that follows, up to the run's as-of day.
 *
 * @param calibrationEnd last day of the calibration period
 * @param holdoutEnd last day of the holdout period (the run's as-of day)
 * @param holdoutPeriods holdout length in the run's period unit
 * @param customers customers in the backtest (first purchase on or before {@code calibrationEnd})
 * @param actualRepeatPurchases repeat purchase days in the holdout
 * @param predictedRepeatPurchases the model's expected holdout purchases, summed over customers
 * @param meanAbsoluteError per-customer mean absolute error of holdout purchases
 * @param rootMeanSquaredError per-customer root mean squared error of holdout purchases
 * @param churnAuc AUC of churn risk (1 − P(alive)) against "no purchase in the holdout"; null when every
 *     customer, or none, bought in the holdout
 * @param aliveCalibration deciles of P(alive) with the share that bought in the holdout
 * @param tracking cumulative repeat purchases per period, actual and predicted, calibration then holdout
 * @param fit the purchase model fitted on the calibration period
 */
public record BacktestReport(
    LocalDate calibrationEnd,
    LocalDate holdoutEnd,
    double holdoutPeriods,
    int customers,
    long actualRepeatPurchases,
    double predictedRepeatPurchases,
    double meanAbsoluteError,
    double rootMeanSquaredError,
    @Nullable Double churnAuc,
    List<CalibrationBin> aliveCalibration,
    List<TrackingPoint> tracking,
    FitReport fit) {

  /** Copies the lists. */
  public BacktestReport {
    aliveCalibration = List.copyOf(aliveCalibration);
    tracking = List.copyOf(tracking);
  }
}

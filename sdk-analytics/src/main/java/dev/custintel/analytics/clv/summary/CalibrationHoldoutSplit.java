package dev.custintel.analytics.clv.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Calibration summaries plus what each summarized customer did in the following holdout period, for checking a
 * model's predictions against actual purchases.
 *
 * @param calibration the calibration summaries
 * @param holdoutEnd the last day (UTC, inclusive) of the holdout period; after the calibration end
 * @param holdoutDuration length of the holdout period ({@code holdoutEnd - calibrationEnd}) in the calibration's
 *     {@link PeriodUnit}
 * @param holdout one entry per calibration customer, in the same order as {@link Summaries#customers()}
 */
public record CalibrationHoldoutSplit(
    Summaries calibration, LocalDate holdoutEnd, double holdoutDuration, List<HoldoutActivity> holdout) {

  /** Copies the list so the result is immutable. */
  public CalibrationHoldoutSplit {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(holdoutEnd, "holdoutEnd");
    holdout = List.copyOf(holdout);
  }

  /** @return the sum of all customers' holdout purchase days */
  public long totalHoldoutPurchases() {
    return holdout.stream().mapToLong(HoldoutActivity::purchases).sum();
  }
}

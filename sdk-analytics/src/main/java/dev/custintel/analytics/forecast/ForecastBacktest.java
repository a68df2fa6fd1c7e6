package dev.custintel.analytics.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The whole forecast made from the data up to a cutoff before the calibration end, compared period by period with
 * what happened.
 *
 * @param cutoff the last day (UTC) of the data the backtest's models were fitted on
 * @param periods the compared periods, with their cumulative tracking
 * @param mape mean absolute percentage error over the periods with at least one actual transaction, as a fraction
 *     (0.1 is 10%); null when every period had none
 * @param periodsInMape how many periods the MAPE averages
 */
public record ForecastBacktest(
    LocalDate cutoff, List<BacktestPeriod> periods, @Nullable Double mape, int periodsInMape) {

  /** Copies the list so the result is immutable. */
  public ForecastBacktest {
    Objects.requireNonNull(cutoff, "cutoff");
    periods = List.copyOf(periods);
  }
}

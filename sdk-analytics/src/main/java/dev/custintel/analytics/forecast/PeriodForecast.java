package dev.custintel.analytics.forecast;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a forecast.
 *
 * @param index 1 for the period that starts the day after the calibration end
 * @param start the period's first day (UTC)
 * @param end the period's last day (UTC, inclusive)
 * @param existingCustomers what the customers known at the calibration end are expected to do in it
 * @param newCustomers what customers first buying after the calibration end are expected to do in it
 * @param total the two together
 */
public record PeriodForecast(
    int index,
    LocalDate start,
    LocalDate end,
    ExistingCustomersForecast existingCustomers,
    NewCustomersForecast newCustomers,
    ForecastTotal total) {

  /** Checks that nothing is missing. */
  public PeriodForecast {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(existingCustomers, "existingCustomers");
    Objects.requireNonNull(newCustomers, "newCustomers");
    Objects.requireNonNull(total, "total");
  }

  /**
   * @return the period with its total computed from the two parts
   * @param index 1 for the first period
   * @param start the first day
   * @param end the last day
   * @param existingCustomers the existing customers' part
   * @param newCustomers the new customers' part
   */
  public static PeriodForecast of(int index, LocalDate start, LocalDate end,
      ExistingCustomersForecast existingCustomers, NewCustomersForecast newCustomers) {
    return new PeriodForecast(index, start, end, existingCustomers, newCustomers,
        ForecastTotal.of(existingCustomers, newCustomers));
  }
}

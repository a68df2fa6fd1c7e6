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
 */
public record PeriodForecast(
    int index,
    LocalDate start,
    LocalDate end,
    ExistingCustomersForecast existingCustomers,
    NewCustomersForecast newCustomers) {

  /** Checks that nothing is missing. */
  public PeriodForecast {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(existingCustomers, "existingCustomers");
    Objects.requireNonNull(newCustomers, "newCustomers");
  }

  /** @return existing customers' repeat transactions plus new customers' transactions */
  public double totalTransactions() {
    return existingCustomers.expectedRepeatTransactions() + newCustomers.expectedTransactions();
  }

  /** @return existing plus new customers' revenue, in the forecast's currency */
  public double totalRevenue() {
    return existingCustomers.expectedRevenue() + newCustomers.expectedRevenue();
  }
}

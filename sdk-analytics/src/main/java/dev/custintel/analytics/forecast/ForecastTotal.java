package dev.custintel.analytics.forecast;

import dev.custintel.core.model.Money;
import java.util.Objects;

/**
 * Existing and new customers together.
 *
 * @param expectedTransactions existing customers' repeat transactions plus new customers' transactions
 * @param expectedRevenue existing plus new customers' revenue (the sum of the two rounded amounts)
 */
public record ForecastTotal(double expectedTransactions, Money expectedRevenue) {

  /** Checks that nothing is missing. */
  public ForecastTotal {
    Objects.requireNonNull(expectedRevenue, "expectedRevenue");
  }

  /**
   * @param existing the existing customers' part
   * @param fresh the new customers' part
   * @return their sum
   */
  public static ForecastTotal of(ExistingCustomersForecast existing, NewCustomersForecast fresh) {
    return new ForecastTotal(existing.expectedRepeatTransactions() + fresh.expectedTransactions(),
        existing.expectedRevenue().plus(fresh.expectedRevenue()));
  }
}

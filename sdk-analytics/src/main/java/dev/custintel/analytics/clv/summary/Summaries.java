package dev.custintel.analytics.clv.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calibration summaries of all customers whose first purchase is on or before the calibration end.
 *
 * @param customers one summary per customer, in order of each customer's first appearance in the input
 * @param calibrationEnd the last day (UTC, inclusive) of the calibration period
 * @param unit the unit of {@link CustomerRfm#recency()} and {@link CustomerRfm#age()}
 * @param excludedCustomers number of customers left out because their first purchase is after
 *     {@code calibrationEnd}
 */
public record Summaries(
    List<CustomerRfm> customers, LocalDate calibrationEnd, PeriodUnit unit, int excludedCustomers) {

  /** Copies the list so the result is immutable. */
  public Summaries {
    customers = List.copyOf(customers);
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(unit, "unit");
  }

  /**
   * @param customerId a customer id
   * @return that customer's summary, or empty when the customer is not summarized (unknown or excluded)
   */
  public Optional<CustomerRfm> find(String customerId) {
    // Linear scan: callers look up a few customers; models iterate the list.
    return customers.stream().filter(c -> c.customerId().equals(customerId)).findFirst();
  }

  /** @return the sum of all customers' frequencies: the repeat purchase days in the calibration period */
  public long totalRepeatPurchases() {
    return customers.stream().mapToLong(CustomerRfm::frequency).sum();
  }
}

package dev.custintel.analytics.activity;

import dev.custintel.core.customer.DateRange;
import dev.custintel.core.model.Money;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shop's figures over a period.
 *
 * @param period the period, half-open; null for all time
 * @param orders purchases placed in it (returns are not counted)
 * @param returns returns placed in it
 * @param revenue per currency with an order in it, in currency order: purchases minus returns placed in it
 * @param customers distinct customers with a purchase in it
 * @param newCustomers those of them whose first purchase ever is in it
 * @param returningCustomers those of them who had bought before it ({@code customers − newCustomers})
 */
public record PeriodActivity(
    @Nullable DateRange period,
    long orders,
    long returns,
    List<Money> revenue,
    long customers,
    long newCustomers,
    long returningCustomers) {

  /** Copies the revenue list. */
  public PeriodActivity {
    revenue = List.copyOf(Objects.requireNonNull(revenue, "revenue"));
  }
}

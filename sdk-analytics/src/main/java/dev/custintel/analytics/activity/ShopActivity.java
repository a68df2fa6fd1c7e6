package dev.custintel.analytics.activity;

import dev.custintel.core.model.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shop's activity at one instant.
 *
 * @param at when the figures were read (the facade's clock)
 * @param zone the zone of {@code day}
 * @param day today in {@code zone}
 * @param activeCustomers customers with at least one purchase in the {@link #ACTIVE_WINDOW} up to {@code at}
 *     ({@code at − 30 days ≤ placedAt ≤ at})
 * @param ordersToday purchases placed on {@code day} (from its start to the next day's start in {@code zone});
 *     returns are not counted
 * @param revenueToday per currency with an order on {@code day}, in currency order: purchases minus returns
 *     placed that day (so it can be negative); empty when there was none
 * @param highRiskCustomers customers of the active model run whose churn risk (1 − P(alive)) is at least the
 *     {@code HIGH} level (0.8), the figure of the {@code custintel.churn.customers.high} gauge; null when no run is
 *     active
 */
public record ShopActivity(
    Instant at,
    ZoneId zone,
    LocalDate day,
    long activeCustomers,
    long ordersToday,
    List<Money> revenueToday,
    @Nullable Long highRiskCustomers) {

  /** The window of {@link #activeCustomers}: 30 days (of 24 hours) up to {@link #at}. */
  public static final Duration ACTIVE_WINDOW = Duration.ofDays(30);

  /** Copies the revenue list. */
  public ShopActivity {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(day, "day");
    revenueToday = List.copyOf(revenueToday);
  }
}

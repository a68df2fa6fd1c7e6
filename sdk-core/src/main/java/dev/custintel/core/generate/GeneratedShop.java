package dev.custintel.core.generate;

import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.Money;
import java.time.Instant;

/**
 * What {@link ShopGenerator#generate} sent to the sink.
 *
 * @param customers customers, each sent once
 * @param products catalog products, all sent in the first batch
 * @param orders purchase orders (kind {@code PURCHASE})
 * @param orderLines lines of the purchase orders
 * @param returns return orders (kind {@code RETURN}), not counted in {@code orders}
 * @param batches batches passed to the sink
 * @param firstOrderAt the earliest order or return
 * @param lastOrderAt the latest order or return, on or before the end day
 * @param totalRevenue net revenue: purchases minus refunds
 * @param refunded the amount given back by returns, 0 or more
 */
public record GeneratedShop(
    long customers,
    int products,
    long orders,
    long orderLines,
    long returns,
    long batches,
    Instant firstOrderAt,
    Instant lastOrderAt,
    Money totalRevenue,
    Money refunded) {

  /** Validates that nothing is null. */
  public GeneratedShop {
    Checks.notNull(firstOrderAt, "firstOrderAt");
    Checks.notNull(lastOrderAt, "lastOrderAt");
    Checks.notNull(totalRevenue, "totalRevenue");
    Checks.notNull(refunded, "refunded");
  }

  /** @return mean purchase orders per customer */
  public double ordersPerCustomer() {
    return (double) orders / customers;
  }
}

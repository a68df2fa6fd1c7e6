package dev.custintel.core.product;

import dev.custintel.core.model.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a product sold, counted the way customer profiles count (see {@link ProductClient}): purchases make the
 * counts, the units and the dates; revenue is purchases minus returns.
 *
 * @param sku the product id (SKU, stock code)
 * @param name the product name
 * @param category its category; null when the shop gave none
 * @param buyers number of distinct customers with a purchase containing it
 * @param orders number of purchases containing it (an order with two lines of it counts once)
 * @param unitsSold units in those purchases (returned units not subtracted)
 * @param revenue what the lines of it came to, purchases minus returns: one amount per currency the product was
 *     sold or returned in, sorted by currency code, never converted or added across currencies; an amount is
 *     negative when more was returned than bought (in a period); empty when it has no lines at all
 * @param firstSold when the first purchase containing it was placed; null if never sold
 * @param lastSold when the latest purchase containing it was placed; null if never sold
 */
public record ProductStats(
    String sku,
    String name,
    @Nullable String category,
    long buyers,
    long orders,
    long unitsSold,
    List<Money> revenue,
    @Nullable Instant firstSold,
    @Nullable Instant lastSold) {

  /** Copies the revenue list. */
  public ProductStats {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(name, "name");
    revenue = List.copyOf(revenue);
  }

  /** @return whether it was ever bought (in the period, for a query with one) */
  public boolean sold() {
    return orders > 0;
  }
}

package dev.custintel.core.customer;

import dev.custintel.core.model.Money;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the store knows about one customer's buying, as of {@code asOf}.
 *
 * <p>Definitions: {@code orders} counts purchases (not returns). Money is in the customer's primary currency, the
 * one most of their purchases use; orders in other currencies are counted in {@code ordersInOtherCurrencies} and
 * left out of the money figures. {@code totalSpent} is purchases minus returns; {@code averageOrderValue} is
 * purchases divided by the number of purchases. Days are whole 24-hour days, rounded down.
 *
 * @param customerId the customer's id
 * @param email contact address, if known
 * @param name display name, if known
 * @param country country, if known
 * @param signedUpAt when the account was created, if known
 * @param orders number of purchases
 * @param returns number of returns
 * @param totalSpent purchases minus returns; null when the customer has no purchase
 * @param averageOrderValue purchases / orders; null when the customer has no purchase
 * @param ordersInOtherCurrencies purchases and returns not in the primary currency
 * @param firstOrderAt first purchase; null when none
 * @param lastOrderAt last purchase; null when none
 * @param daysSinceLastOrder whole 24-hour days from the last purchase to this profile's {@code asOf} (now, unless the
 *     caller asked for another instant); null when none. The model's figure in {@code ChurnRisk} is a different
 *     count, {@code daysSinceLastPurchaseAtRun}: calendar days to the model run's as-of day, frozen with the run
 * @param tenureDays whole days from sign-up or first purchase, whichever is earlier, to {@code asOf}; null when
 *     neither is known
 * @param topProducts up to 5 products by units bought, then amount
 * @param topCategories up to 3 categories by amount
 * @param asOf the instant the relative figures were computed for
 * @param scores what the active customer value model predicts for the customer (churn risk, lifetime value); null
 *     when no model run is active or the active run did not score this customer (for example, a customer newer
 *     than the run). A cached profile keeps the scores it was read with until {@link CustomerClient#invalidateCache()}
 *     is called or the cache entry expires
 */
public record CustomerProfile(
    String customerId,
    @Nullable String email,
    @Nullable String name,
    @Nullable String country,
    @Nullable Instant signedUpAt,
    long orders,
    long returns,
    @Nullable Money totalSpent,
    @Nullable Money averageOrderValue,
    long ordersInOtherCurrencies,
    @Nullable Instant firstOrderAt,
    @Nullable Instant lastOrderAt,
    @Nullable Long daysSinceLastOrder,
    @Nullable Long tenureDays,
    List<ProductStat> topProducts,
    List<CategoryStat> topCategories,
    Instant asOf,
    @Nullable CustomerScores scores) {

  /** Copies the lists. */
  public CustomerProfile {
    topProducts = List.copyOf(topProducts);
    topCategories = List.copyOf(topCategories);
  }
}

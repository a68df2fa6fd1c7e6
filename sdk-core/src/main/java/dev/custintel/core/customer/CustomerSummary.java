package dev.custintel.core.customer;

import dev.custintel.core.model.Money;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of a customer query: the customer's purchases within the query's period (all time when none).
 *
 * @param customerId the customer's id
 * @param country country, if known
 * @param orders purchases in the period
 * @param returns returns in the period
 * @param netSpent purchases minus returns in the period; null when the customer's orders in the period use more
 *     than one currency (restrict the query to one currency to get it)
 * @param firstOrderAt first purchase in the period, null if none
 * @param lastOrderAt last purchase in the period, null if none
 */
public record CustomerSummary(
    String customerId,
    @Nullable String country,
    long orders,
    long returns,
    @Nullable Money netSpent,
    @Nullable Instant firstOrderAt,
    @Nullable Instant lastOrderAt) {}

package dev.custintel.analytics.ltv;

import dev.custintel.core.model.Money;

/**
 * A customer in a ranking by lifetime value, over the active run's horizon.
 *
 * @param customerId the customer
 * @param value the expected value
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param probabilityAlive probability, from 0 to 1, that the customer is still an active buyer, rounded half-even to
 *     four decimals ({@link dev.custintel.core.model.Probabilities#rounded})
 */
public record RankedValue(String customerId, Money value, Money low, Money high, double probabilityAlive) {}

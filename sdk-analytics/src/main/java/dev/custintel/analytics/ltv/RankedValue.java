package dev.custintel.analytics.ltv;

import dev.custintel.core.model.Money;

/**
 * A customer in a ranking by lifetime value, over the active run's horizon.
 *
 * @param customerId the customer
 * @param value the expected value
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param probabilityAlive probability the customer is still an active buyer
 */
public record RankedValue(String customerId, Money value, Money low, Money high, double probabilityAlive) {}

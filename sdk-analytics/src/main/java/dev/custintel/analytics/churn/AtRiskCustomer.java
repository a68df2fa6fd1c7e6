package dev.custintel.analytics.churn;

import dev.custintel.core.model.Money;

/**
 * A customer on the at-risk list: worth winning back, because the chance they have left is high and so is what
 * they would bring if they have not. Figures are as of the active run's as-of day.
 *
 * @param customerId the customer
 * @param churnRisk probability, from 0 to 1, that the customer has stopped buying, rounded half-even to four
 *     decimals at this edge ({@link dev.custintel.core.model.Probabilities#rounded}); the list is filtered and
 *     ranked on the unrounded value
 * @param valueAtRisk churn risk × the value over the run's horizon if still active; the list's ranking
 * @param valueIfActive the value over the run's horizon if the customer is still active
 * @param repeatPurchases repeat purchases up to the run's as-of day: purchases on distinct days after the first one
 * @param daysSinceLastPurchaseAtRun calendar days from the last purchase day to the run's as-of day (0 for a
 *     purchase on that day); frozen with the run, unlike {@code CustomerProfile.daysSinceLastOrder()}, which
 *     counts to the profile's as-of instant (now, by default)
 */
public record AtRiskCustomer(
    String customerId,
    double churnRisk,
    Money valueAtRisk,
    Money valueIfActive,
    int repeatPurchases,
    long daysSinceLastPurchaseAtRun) {}

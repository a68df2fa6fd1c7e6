package dev.custintel.analytics.churn;

import dev.custintel.core.model.Money;

/**
 * A customer on the at-risk list: worth winning back, because the chance they have left is high and so is what
 * they would bring if they have not.
 *
 * @param customerId the customer
 * @param churnRisk probability the customer has stopped buying
 * @param valueAtRisk churn risk × the value over the run's horizon if still active; the list's ranking
 * @param valueIfActive the value over the run's horizon if the customer is still active
 * @param repeatPurchases repeat purchases up to the run's as-of day
 * @param daysSinceLastPurchase days from the last purchase day to the as-of day (0 for a purchase on that day)
 */
public record AtRiskCustomer(
    String customerId,
    double churnRisk,
    Money valueAtRisk,
    Money valueIfActive,
    int repeatPurchases,
    long daysSinceLastPurchase) {}

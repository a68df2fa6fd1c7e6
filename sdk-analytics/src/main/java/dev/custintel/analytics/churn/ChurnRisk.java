package dev.custintel.analytics.churn;

import dev.custintel.core.model.Money;
import java.time.LocalDate;

/**
 * A customer's churn risk from the active model run.
 *
 * @param customerId the customer
 * @param runId the model run the numbers come from
 * @param asOf the day the risk refers to (the run's as-of day)
 * @param churnRisk probability that the customer has stopped buying for good, {@code 1 − probabilityAlive}
 * @param probabilityAlive probability that the customer is still an active buyer
 * @param level {@link RiskLevel} of {@code churnRisk}
 * @param repeatPurchases repeat purchases up to {@code asOf}
 * @param daysSinceLastPurchase days from the last purchase day to {@code asOf} (0 for a purchase on that day)
 * @param valueAtRisk what is lost if the customer has in fact left: churn risk × the value they would bring over
 *     the run's horizon if still active
 * @param lifetimeValue expected value over the run's horizon (already weighted by the chance they are still active)
 */
public record ChurnRisk(
    String customerId,
    long runId,
    LocalDate asOf,
    double churnRisk,
    double probabilityAlive,
    RiskLevel level,
    int repeatPurchases,
    long daysSinceLastPurchase,
    Money valueAtRisk,
    Money lifetimeValue) {}

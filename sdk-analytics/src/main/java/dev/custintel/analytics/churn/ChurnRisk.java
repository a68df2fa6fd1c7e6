package dev.custintel.analytics.churn;

import dev.custintel.core.model.Money;
import dev.custintel.core.model.Probabilities;
import java.time.LocalDate;

/**
 * A customer's churn risk from the active model run. Every figure is as of the run's as-of day, not today: it changes
 * only when a newer run is activated.
 *
 * <p>Probabilities are rounded half-even to four decimals at this edge ({@link Probabilities#rounded}), so a model's
 * 0.999999999999993 reads 1.0; the model, the stored scores and {@code level} keep full precision.
 *
 * @param customerId the customer
 * @param runId the model run the numbers come from
 * @param asOf the day the risk refers to (the run's as-of day)
 * @param churnRisk probability, from 0 to 1 with four decimals, that the customer has stopped buying for good,
 *     {@code 1 − probabilityAlive}
 * @param probabilityAlive probability, from 0 to 1 with four decimals, that the customer is still an active buyer
 * @param level {@link RiskLevel} of the unrounded churn risk, as {@link ChurnSummary}'s counts use it (so a risk
 *     shown as 0.8000 may be {@link RiskLevel#MEDIUM} when it is in fact a hair under the bound)
 * @param repeatPurchases repeat purchases up to {@code asOf}: purchases on distinct days after the first one
 * @param daysSinceLastPurchaseAtRun calendar days from the last purchase day to the run's {@code asOf} day (0 for a
 *     purchase on that day). It is frozen with the run; {@code CustomerProfile.daysSinceLastOrder()} counts whole
 *     24-hour days to the profile's own as-of instant (now, unless asked otherwise), so it grows every day and
 *     exceeds this figure by about the days since the run's as-of day
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
    long daysSinceLastPurchaseAtRun,
    Money valueAtRisk,
    Money lifetimeValue) {}

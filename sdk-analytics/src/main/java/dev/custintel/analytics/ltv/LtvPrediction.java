package dev.custintel.analytics.ltv;

import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.ValueDrivers;
import dev.custintel.core.model.Money;
import java.time.LocalDate;

/**
 * A customer's predicted lifetime value over a horizon, with its interval and what drives it.
 *
 * @param customerId the customer
 * @param runId the model run the prediction comes from
 * @param asOf the day the horizon starts after (the run's as-of day)
 * @param horizon how far ahead
 * @param value expected spend over the horizon, discounted at the run's monthly rate, and weighted by the chance
 *     the customer is still active
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param intervalLevel the interval's coverage, e.g. 0.9; it reflects the uncertainty of the fitted model's
 *     parameters (delta method), not the randomness of one customer's future
 * @param expectedPurchases expected purchases over the horizon (undiscounted)
 * @param expectedSpendPerPurchase expected amount of each future purchase
 * @param probabilityAlive probability, from 0 to 1, that the customer is still an active buyer, rounded half-even to
 *     four decimals at this edge ({@link dev.custintel.core.model.Probabilities#rounded}); {@code value} uses the
 *     unrounded one
 * @param drivers the value against the median customer's, split over frequency, recency, tenure and spend
 */
public record LtvPrediction(
    String customerId,
    long runId,
    LocalDate asOf,
    Horizon horizon,
    Money value,
    Money low,
    Money high,
    double intervalLevel,
    double expectedPurchases,
    Money expectedSpendPerPurchase,
    double probabilityAlive,
    ValueDrivers drivers) {}

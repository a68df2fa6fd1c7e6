package dev.custintel.analytics.cohorts;

import dev.custintel.core.model.Money;

/**
 * What one cohort did in its k-th period.
 *
 * @param index k: 0 is the cohort's own period
 * @param active customers with at least one purchase in period k ("on" retention)
 * @param activeOnOrAfter customers with a purchase in period k or any later one ("on or after", unbounded)
 * @param retention {@code active} as a fraction of the cohort's customers
 * @param retentionOnOrAfter {@code activeOnOrAfter} as a fraction of the cohort's customers
 * @param orders purchases in period k
 * @param revenue what the purchases of period k came to, minus what its returns gave back
 * @param cumulativeRevenuePerCustomer revenue of periods 0 to k, divided by the cohort's customers: the cohort's
 *     value curve, rounded to the currency's minor unit
 */
public record CohortCell(
    int index,
    long active,
    long activeOnOrAfter,
    double retention,
    double retentionOnOrAfter,
    long orders,
    Money revenue,
    Money cumulativeRevenuePerCustomer) {}

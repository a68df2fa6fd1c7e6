package dev.custintel.analytics.experiments;

import org.jspecify.annotations.Nullable;

/**
 * A treatment arm against the control, on both metrics.
 *
 * @param arm the treatment arm's index
 * @param name its name
 * @param conversion the two-proportion z-test of conversion, or null until both arms have a measured customer
 * @param revenue Welch's t-test of revenue per customer, or null until both arms have two measured customers
 * @param significant whether the primary metric's p-value is below α = 1 − the confidence level
 */
public record ArmComparison(
    int arm,
    String name,
    @Nullable ProportionComparison conversion,
    @Nullable MeanComparison revenue,
    boolean significant) {}

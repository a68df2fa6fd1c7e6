package dev.custintel.analytics.experiments;

import org.jspecify.annotations.Nullable;

/**
 * One arm's outcomes. Only customers whose window has closed are measured: counting a customer exposed yesterday
 * as "not converted" would bias every arm towards zero.
 *
 * @param arm the arm's index (0 is the control)
 * @param name the arm's name
 * @param weight its weight
 * @param exposed customers exposed
 * @param measured of them, those whose window has closed
 * @param conversions of the measured, those who placed a purchase in their window
 * @param conversionRate conversions / measured, or null when none is measured
 * @param revenuePerCustomer the measured customers' mean net revenue in their window, in the shop's currency, or
 *     null when none is measured
 * @param revenueVariance its sample variance, or null below two measured customers
 */
public record ArmResult(
    int arm,
    String name,
    double weight,
    long exposed,
    long measured,
    long conversions,
    @Nullable Double conversionRate,
    @Nullable Double revenuePerCustomer,
    @Nullable Double revenueVariance) {}

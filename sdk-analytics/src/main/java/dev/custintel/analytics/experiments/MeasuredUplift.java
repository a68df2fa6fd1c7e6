package dev.custintel.analytics.experiments;

import dev.custintel.analytics.actions.ActionType;

/**
 * The response uplift an experiment measured for a next best action, in the policy's terms: the revenue effect per
 * treated customer (treatment arm − control, in the window) divided by the mean amount the action's uplift
 * multiplies (value at risk, lifetime value, or confidence × revenue per order) of the measured customers at their
 * exposure.
 *
 * @param experimentId the finished experiment
 * @param experimentName its name
 * @param action the action it measured
 * @param estimate the measured share, possibly negative (the action cost revenue)
 * @param lower the lower end of its interval (the revenue effect's interval over the same mean)
 * @param upper its upper end
 * @param confidenceLevel the interval's level
 * @param customers the measured customers with an amount, in both arms
 * @param uplift the uplift next best action uses: the estimate clamped to [0, 1]
 */
public record MeasuredUplift(
    long experimentId,
    String experimentName,
    ActionType action,
    double estimate,
    double lower,
    double upper,
    double confidenceLevel,
    long customers,
    double uplift) {}

package dev.custintel.analytics.experiments;

import java.time.Instant;

/**
 * One customer's exposure to an experiment.
 *
 * @param customerId the customer
 * @param arm the arm's index (0 is the control)
 * @param armName the arm's name
 * @param exposedAt when the customer was (first) exposed: the window of outcomes starts then
 * @param recorded true when this call recorded it, false when the customer had been exposed before (the first
 *     exposure stands)
 */
public record Exposure(String customerId, int arm, String armName, Instant exposedAt, boolean recorded) {}

package dev.custintel.analytics.experiments;

import org.jspecify.annotations.Nullable;

/**
 * A customer's arm in an experiment: fixed by the experiment's name and the customer's id alone.
 *
 * @param experimentId the experiment
 * @param customerId the customer
 * @param arm the arm's index (0 is the control)
 * @param armName the arm's name
 * @param eligible whether the customer may take part now (judged against the active run)
 * @param reason why not, or null when eligible
 */
public record ExperimentAssignment(
    long experimentId, String customerId, int arm, String armName, boolean eligible, @Nullable String reason) {}

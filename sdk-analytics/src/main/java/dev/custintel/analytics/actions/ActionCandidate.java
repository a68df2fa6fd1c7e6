package dev.custintel.analytics.actions;

import dev.custintel.core.model.Money;
import org.jspecify.annotations.Nullable;

/**
 * One action considered for a customer.
 *
 * @param action the action
 * @param eligible whether the customer meets its rule
 * @param expectedValue its expected value in the run's currency, or null when it is not eligible
 * @param arithmetic how the expected value is computed, with the numbers (or why the action does not apply)
 * @param uplift the response uplift used
 * @param upliftSource where the uplift comes from: {@code "assumed"} (the policy's) or {@code "measured"} (the
 *     measured uplift of the most recent finished experiment of this action, which replaces the policy's)
 * @param experimentId the experiment that measured the uplift, or null when it is assumed
 */
public record ActionCandidate(
    ActionType action,
    boolean eligible,
    @Nullable Money expectedValue,
    String arithmetic,
    double uplift,
    String upliftSource,
    @Nullable Long experimentId) {}

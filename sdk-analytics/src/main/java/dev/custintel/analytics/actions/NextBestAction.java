package dev.custintel.analytics.actions;

import dev.custintel.core.model.Money;
import java.util.List;

/**
 * The recommended action for one customer, with its expected impact and how it was worked out.
 *
 * @param customerId the customer
 * @param runId the model run whose scores it uses
 * @param action the candidate with the highest expected value, or {@link ActionType#NONE} when none reaches the
 *     policy's minimum
 * @param urgency how soon to act
 * @param expectedImpact the chosen action's expected value (zero for NONE), in the run's currency
 * @param arithmetic the chosen action's arithmetic, or why no action is recommended
 * @param message the action's content template with the customer's details filled in (empty for NONE)
 * @param explanation one sentence in words: why this action
 * @param candidates every action considered, eligible or not, in the order of {@link ActionType}
 */
public record NextBestAction(
    String customerId,
    long runId,
    ActionType action,
    Urgency urgency,
    Money expectedImpact,
    String arithmetic,
    String message,
    String explanation,
    List<ActionCandidate> candidates) {

  /** Copies the list. */
  public NextBestAction {
    candidates = List.copyOf(candidates);
  }
}

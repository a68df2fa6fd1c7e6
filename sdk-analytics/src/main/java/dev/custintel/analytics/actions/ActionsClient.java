package dev.custintel.analytics.actions;

import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;

/**
 * Next best action for a customer: every candidate of the {@link ActionPolicy} is given an expected value from the
 * active run's figures for the customer, and the highest wins when it reaches the policy's minimum. Thread-safe.
 */
public interface ActionsClient {
  /**
   * @param customerId the customer
   * @return the recommended action with its arithmetic, under the facade's policy
   * @throws ModelNotReadyException if no model run is active
   * @throws NotFoundException if the active run has no score for the customer
   */
  NextBestAction next(String customerId);

  /**
   * @param customerId the customer
   * @param policy the policy to apply instead of the facade's
   * @return the recommended action with its arithmetic
   * @throws ModelNotReadyException if no model run is active
   * @throws NotFoundException if the active run has no score for the customer
   */
  NextBestAction next(String customerId, ActionPolicy policy);

  /**
   * Next best actions for many customers, a page at a time: a list's customers in its order, or a segment's members
   * by customer id. Customers without a score in the active run are listed apart, not failed.
   *
   * <pre>{@code
   * RecommendQuery q = RecommendQuery.segment("at_risk").withLimit(500);
   * RecommendationPage page;
   * do {
   *   page = ci.actions().recommend(q);
   *   page.actions().forEach(send);
   *   q = q.withCursor(page.nextCursor());
   * } while (page.nextCursor() != null);
   * }</pre>
   *
   * @param query whose, and the page
   * @return the page
   * @throws ModelNotReadyException if no model run is active
   * @throws dev.custintel.core.InvalidInputException when the cursor is not one this query gave, or the preset has no
   *     such segment
   */
  RecommendationPage recommend(RecommendQuery query);
}

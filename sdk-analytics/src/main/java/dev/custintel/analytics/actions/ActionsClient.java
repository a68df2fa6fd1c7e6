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
}

package dev.custintel.analytics.campaigns;

import dev.custintel.core.ModelNotReadyException;

/** Retention campaigns from the active model run. Thread-safe. */
public interface CampaignsClient {
  /**
   * The customers at or above the churn risk, by value at risk, each with their next best action and its expected
   * impact, and the totals. Exclusions of recently contacted customers and of experiments' control groups come
   * with the experiments' exposure log.
   *
   * @param options the risk level, the limit and the action policy
   * @return the campaign
   * @throws ModelNotReadyException if no model run is active
   */
  RetentionCampaign retention(RetentionOptions options);
}

package dev.custintel.analytics.campaigns;

import dev.custintel.core.model.Money;
import java.util.List;

/**
 * A retention campaign's target list, by value at risk, and its totals.
 *
 * @param runId the model run whose scores it uses
 * @param minimumChurnRisk the churn risk from which customers are listed
 * @param customers the customers, highest value at risk first
 * @param totals the list's sums
 */
public record RetentionCampaign(long runId, double minimumChurnRisk, List<CampaignTarget> customers, Totals totals) {

  /** Copies the list. */
  public RetentionCampaign {
    customers = List.copyOf(customers);
  }

  /**
   * @param customers customers listed
   * @param valueAtRisk their value at risk, summed
   * @param expectedRecoveredValue their actions' expected impact, summed
   */
  public record Totals(int customers, Money valueAtRisk, Money expectedRecoveredValue) {}
}

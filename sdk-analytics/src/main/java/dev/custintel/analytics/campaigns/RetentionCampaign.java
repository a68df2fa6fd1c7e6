package dev.custintel.analytics.campaigns;

import dev.custintel.core.model.Money;
import java.util.List;

/**
 * A retention campaign's target list, by value at risk, and its totals.
 *
 * @param runId the model run whose scores it uses
 * @param minimumChurnRisk the churn risk from which customers are listed
 * @param customers the customers, highest value at risk first
 * @param excluded customers at the risk level left out, as the options ask: contacted recently, or held out by a
 *     running experiment; those ranked above the list's last customer
 * @param totals the list's sums
 */
public record RetentionCampaign(long runId, double minimumChurnRisk, List<CampaignTarget> customers,
    List<Excluded> excluded, Totals totals) {

  /** Copies the lists. */
  public RetentionCampaign {
    customers = List.copyOf(customers);
    excluded = List.copyOf(excluded);
  }

  /**
   * A customer left out of the campaign.
   *
   * @param customerId the customer
   * @param reason {@code contacted} or {@code control_group}
   * @param detail why, in words (the experiment, or when they were contacted)
   */
  public record Excluded(String customerId, String reason, String detail) {}

  /**
   * @param customers customers listed
   * @param valueAtRisk their value at risk, summed
   * @param expectedRecoveredValue their actions' expected impact, summed
   * @param excluded customers left out
   */
  public record Totals(int customers, Money valueAtRisk, Money expectedRecoveredValue, int excluded) {}
}

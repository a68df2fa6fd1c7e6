package dev.custintel.analytics.campaigns;

import dev.custintel.analytics.actions.ActionType;
import dev.custintel.core.model.Money;

/**
 * One customer of a retention campaign.
 *
 * @param customerId the customer
 * @param churnRisk their churn risk under the run, four decimals
 * @param valueAtRisk what is lost if they have left
 * @param action their next best action
 * @param expectedImpact its expected value (zero for {@link ActionType#NONE})
 * @param arithmetic how the expected value was worked out, or why no action
 */
public record CampaignTarget(
    String customerId,
    double churnRisk,
    Money valueAtRisk,
    ActionType action,
    Money expectedImpact,
    String arithmetic) {}

package dev.custintel.analytics.internal.campaigns;

import dev.custintel.analytics.actions.ActionsClient;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.campaigns.CampaignTarget;
import dev.custintel.analytics.campaigns.CampaignsClient;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.model.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A retention campaign: the churn client's at-risk list, each customer's next best action, and the sums. All from
 * one run: when a refresh activates another run while the list is built, it is built again. Thread-safe. Not API.
 */
public final class DefaultCampaignsClient implements CampaignsClient {
  private static final int MAX_ATTEMPTS = 3;

  private final ModelsClient models;
  private final ChurnClient churn;
  private final ActionsClient actions;

  public DefaultCampaignsClient(ModelsClient models, ChurnClient churn, ActionsClient actions) {
    this.models = models;
    this.churn = churn;
    this.actions = actions;
  }

  @Override
  public RetentionCampaign retention(RetentionOptions options) {
    Objects.requireNonNull(options, "options");
    for (int attempt = 1; ; attempt++) {
      ModelRun run = models.active().orElseThrow(() -> new ModelNotReadyException("clv"));
      Currency currency = run.data().currency();
      List<CampaignTarget> targets = new ArrayList<>();
      Money atRisk = Money.zero(currency);
      Money recovered = Money.zero(currency);
      boolean oneRun = true;
      for (AtRiskCustomer c : churn.atRisk(options.limit(), options.minimumChurnRisk())) {
        NextBestAction a = actions.next(c.customerId(), options.policy());
        if (a.runId() != run.id()) {
          oneRun = false;
          break;
        }
        targets.add(new CampaignTarget(c.customerId(), c.churnRisk(), c.valueAtRisk(), a.action(),
            a.expectedImpact(), a.arithmetic()));
        atRisk = atRisk.plus(c.valueAtRisk());
        recovered = recovered.plus(a.expectedImpact());
      }
      if (oneRun) {
        return new RetentionCampaign(run.id(), options.minimumChurnRisk(), targets,
            new RetentionCampaign.Totals(targets.size(), atRisk, recovered));
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new ModelNotReadyException("clv", "the active run changed " + MAX_ATTEMPTS + " times while the"
            + " campaign was being built; try again");
      }
    }
  }
}

package dev.custintel.analytics.internal.campaigns;

import dev.custintel.analytics.actions.ActionsClient;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.campaigns.CampaignTarget;
import dev.custintel.analytics.campaigns.CampaignsClient;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.internal.experiments.DefaultExperimentsClient;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.model.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A retention campaign: the churn client's at-risk list, each customer's next best action, and the sums. All from
 * one run: when a refresh activates another run while the list is built, it is built again. Thread-safe. Not API.
 */
public final class DefaultCampaignsClient implements CampaignsClient {
  private static final int MAX_ATTEMPTS = 3;

  private final ModelsClient models;
  private final ChurnClient churn;
  /** The most at-risk customers read to fill a list after exclusions (the churn client's largest page). */
  private static final int MAX_READ = 10_000;

  private final ActionsClient actions;
  private final DefaultExperimentsClient experiments;

  public DefaultCampaignsClient(ModelsClient models, ChurnClient churn, ActionsClient actions,
      DefaultExperimentsClient experiments) {
    this.models = models;
    this.churn = churn;
    this.actions = actions;
    this.experiments = experiments;
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
      List<RetentionCampaign.Excluded> excluded = new ArrayList<>();
      for (AtRiskCustomer c : candidates(options, excluded)) {
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
        return new RetentionCampaign(run.id(), options.minimumChurnRisk(), targets, excluded,
            new RetentionCampaign.Totals(targets.size(), atRisk, recovered, excluded.size()));
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new ModelNotReadyException("clv", "the active run changed " + MAX_ATTEMPTS + " times while the"
            + " campaign was being built; try again");
      }
    }
  }

  /**
   * The first {@code limit} at-risk customers not excluded, reading further down the list as exclusions take some
   * out; the excluded ones ranked above the last kept are added to {@code excluded}.
   */
  private List<AtRiskCustomer> candidates(RetentionOptions options, List<RetentionCampaign.Excluded> excluded) {
    boolean any = options.contactedWithinDays() > 0 || options.excludeControlGroups();
    int read = options.limit();
    while (true) {
      List<AtRiskCustomer> page = churn.atRisk(read, options.minimumChurnRisk());
      if (!any) {
        return page;
      }
      Map<String, DefaultExperimentsClient.Exclusion> out = experiments.exclusions(
          page.stream().map(AtRiskCustomer::customerId).toList(), Duration.ofDays(options.contactedWithinDays()),
          options.excludeControlGroups());
      List<AtRiskCustomer> kept = new ArrayList<>();
      List<RetentionCampaign.Excluded> left = new ArrayList<>();
      for (AtRiskCustomer c : page) {
        if (kept.size() == options.limit()) {
          break;
        }
        DefaultExperimentsClient.Exclusion x = out.get(c.customerId());
        if (x == null) {
          kept.add(c);
        } else {
          left.add(new RetentionCampaign.Excluded(c.customerId(), x.kind().name().toLowerCase(Locale.ROOT),
              x.reason()));
        }
      }
      boolean exhausted = page.size() < read || read >= MAX_READ;
      if (kept.size() == options.limit() || exhausted) {
        excluded.addAll(left);
        return kept;
      }
      read = Math.min(MAX_READ, read + Math.max(options.limit() - kept.size(), left.size()));
    }
  }
}

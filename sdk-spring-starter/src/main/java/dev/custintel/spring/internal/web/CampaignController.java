package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns from the active model run: the retention campaign. */
@RestController
@RequestMapping(path = "${custintel.api.base-path:/api}/campaigns", produces = "application/json")
@Tag(name = "campaigns", description = "Retention campaigns: at-risk customers with their next best action")
public final class CampaignController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public CampaignController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @param minRisk only customers whose churn risk is at least this, 0 to 1
   * @param limit at most this many, 1 to 1,000
   * @param contactedWithinDays leave out customers exposed to an experiment's treatment this recently, 0 to 365
   * @param includeControlGroups keep customers in running experiments' control groups
   * @return the customers by value at risk with their action and expected impact, and the totals
   */
  @GetMapping("/retention")
  @Operation(summary = "The retention campaign: customers at or above a churn risk, highest value at risk first, "
      + "each with their next best action and its expected impact, and the totals; customers contacted by an "
      + "experiment's treatment in the last contactedWithinDays and running experiments' control groups are left "
      + "out and listed in excluded")
  public RetentionCampaign retention(
      @RequestParam(name = "minRisk", defaultValue = "0.5") double minRisk,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "contactedWithinDays", defaultValue = "14") int contactedWithinDays,
      @RequestParam(name = "includeControlGroups", defaultValue = "false") boolean includeControlGroups) {
    return Params.naming(Map.of("minimumChurnRisk", "minRisk"), () -> ci.campaigns().retention(
        RetentionOptions.defaults().withMinimumChurnRisk(minRisk).withLimit(limit)
            .withContactedWithinDays(contactedWithinDays).withExcludeControlGroups(!includeControlGroups)));
  }
}

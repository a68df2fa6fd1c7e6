package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.campaigns.CampaignTarget;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.core.InvalidInputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel campaigns retention}: the retention campaign's target list as JSON or CSV. */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the customers whose churn risk is at least --min-risk, highest value at risk first, each with their "
          + "next best action (see 'custintel actions next') and its expected impact, and the totals.",
      "JSON: {\"runId\":..,\"minimumChurnRisk\":..,\"customers\":[{\"customerId\":..,\"churnRisk\":..,"
          + "\"valueAtRisk\":{\"amount\":\"..\",\"currency\":\"..\"},\"action\":\"win_back\",\"expectedImpact\":{..},"
          + "\"arithmetic\":\"..\"},..],\"totals\":{\"customers\":..,\"valueAtRisk\":{..},"
          + "\"expectedRecoveredValue\":{..},\"excluded\":..},\"excluded\":[{\"customerId\":..,\"reason\":"
          + "\"contacted|control_group\",\"detail\":..},..]}. CSV: one row per customer with the header "
          + "customer_id,churn_risk,value_at_risk,action,expected_impact,currency. Needs a model run."
    })
final class CampaignsRetentionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--min-risk", paramLabel = "R", defaultValue = "0.5",
      description = "Only customers whose churn risk is at least this, 0 to 1 (default 0.5)")
  double minRisk;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most this many customers, 1 to " + RetentionOptions.MAX_LIMIT + " (default 100)")
  int limit;

  @Option(names = "--contacted-within-days", paramLabel = "D", defaultValue = "14",
      description = "Leave out customers exposed to an experiment's treatment arm in the last D days, 0 to 365; 0"
          + " keeps them (default 14)")
  int contactedWithinDays;

  @Option(names = "--include-control-groups",
      description = "Keep customers in the control group of a running experiment (left out by default: contacting"
          + " them spoils the experiment)")
  boolean includeControlGroups;

  @Option(names = "--output", paramLabel = "json|csv", defaultValue = "json",
      description = "json (default) or csv")
  String output;

  @Override
  public Integer call() {
    database.check(spec);
    if (!output.equals("json") && !output.equals("csv")) {
      throw new ParameterException(spec.commandLine(), "--output must be json or csv (was '" + output + "')");
    }
    RetentionOptions options;
    try {
      options = RetentionOptions.defaults().withMinimumChurnRisk(minRisk).withLimit(limit)
          .withContactedWithinDays(contactedWithinDays).withExcludeControlGroups(!includeControlGroups);
    } catch (InvalidInputException e) {
      String option = switch (e.field()) {
        case "limit" -> "--limit";
        case "contactedWithinDays" -> "--contacted-within-days";
        default -> "--min-risk";
      };
      throw new ParameterException(spec.commandLine(), option + ": " + e.reason());
    }
    try (CustomerIntelligence ci = database.open()) {
      RetentionCampaign campaign = ci.campaigns().retention(options);
      PrintWriter out = spec.commandLine().getOut();
      if (output.equals("csv")) {
        out.print(csv(campaign));
        out.flush();
      } else {
        Json.print(out, view(campaign));
      }
    }
    return CustintelCli.OK;
  }

  /**
   * @param c a campaign
   * @return its JSON view
   */
  static Map<String, Object> view(RetentionCampaign c) {
    Map<String, Object> m = Json.object();
    m.put("runId", c.runId());
    m.put("minimumChurnRisk", c.minimumChurnRisk());
    List<Map<String, Object>> customers = new ArrayList<>();
    for (CampaignTarget t : c.customers()) {
      Map<String, Object> row = Json.object();
      row.put("customerId", t.customerId());
      row.put("churnRisk", ClvFits.number(t.churnRisk()));
      row.put("valueAtRisk", Json.money(t.valueAtRisk()));
      row.put("action", t.action().wireName());
      row.put("expectedImpact", Json.money(t.expectedImpact()));
      row.put("arithmetic", t.arithmetic());
      customers.add(row);
    }
    m.put("customers", customers);
    List<Map<String, Object>> excluded = new ArrayList<>();
    for (RetentionCampaign.Excluded x : c.excluded()) {
      Map<String, Object> row = Json.object();
      row.put("customerId", x.customerId());
      row.put("reason", x.reason());
      row.put("detail", x.detail());
      excluded.add(row);
    }
    m.put("excluded", excluded);
    Map<String, Object> totals = Json.object();
    totals.put("customers", c.totals().customers());
    totals.put("valueAtRisk", Json.money(c.totals().valueAtRisk()));
    totals.put("expectedRecoveredValue", Json.money(c.totals().expectedRecoveredValue()));
    totals.put("excluded", c.totals().excluded());
    m.put("totals", totals);
    return m;
  }

  /**
   * @param c a campaign
   * @return its rows as CSV, with a header
   */
  static String csv(RetentionCampaign c) {
    StringBuilder b = new StringBuilder("customer_id,churn_risk,value_at_risk,action,expected_impact,currency\n");
    for (CampaignTarget t : c.customers()) {
      b.append(ClvScoreCommand.csvField(t.customerId())).append(',')
          .append(ClvScoreCommand.plain(t.churnRisk(), t.customerId())).append(',')
          .append(t.valueAtRisk().amount().toPlainString()).append(',')
          .append(t.action().wireName()).append(',')
          .append(t.expectedImpact().amount().toPlainString()).append(',')
          .append(t.valueAtRisk().currency().getCurrencyCode()).append('\n');
    }
    return b.toString();
  }
}

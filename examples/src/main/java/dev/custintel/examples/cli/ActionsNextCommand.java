package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionCandidate;
import dev.custintel.analytics.actions.NextBestAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel actions next}: one customer's next best action as JSON. */
@Command(
    name = "next",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a customer's next best action as JSON: every candidate (win_back when churn risk >= 0.5: value at "
          + "risk x 0.15; re_engagement after 60 days without an order: value at risk x 0.05; cross_sell of the "
          + "active run's top rule: 0.10 x its confidence x the product's revenue per order; vip_care for the run's "
          + "top 10%% of lifetime values at churn risk <= 0.2: lifetime value x 0.02) gets an expected value, and "
          + "the highest wins when it reaches 1.00, else the action is none.",
      "Fields: customerId, runId, action, urgency (high, medium, low, none), expectedImpact "
          + "({\"amount\":\"12.65\",\"currency\":\"USD\"}), arithmetic, message (the filled template), explanation, "
          + "and candidates (action, eligible, expectedValue or null, arithmetic, uplift, upliftSource: the "
          + "uplifts are assumptions until experiments measure them). Needs a model run ('custintel models "
          + "refresh')."
    })
final class ActionsNextCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The shop's customer id, such as 00002")
  String customerId;

  @Override
  public Integer call() {
    database.check(spec);
    try (CustomerIntelligence ci = database.open()) {
      Json.print(spec.commandLine().getOut(), view(ci.actions().next(customerId)));
    }
    return CustintelCli.OK;
  }

  /**
   * @param a an action
   * @return its JSON view
   */
  static Map<String, Object> view(NextBestAction a) {
    Map<String, Object> m = Json.object();
    m.put("customerId", a.customerId());
    m.put("runId", a.runId());
    m.put("action", a.action().wireName());
    m.put("urgency", a.urgency().name().toLowerCase(Locale.ROOT));
    m.put("expectedImpact", Json.money(a.expectedImpact()));
    m.put("arithmetic", a.arithmetic());
    m.put("message", a.message());
    m.put("explanation", a.explanation());
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (ActionCandidate c : a.candidates()) {
      Map<String, Object> row = Json.object();
      row.put("action", c.action().wireName());
      row.put("eligible", c.eligible());
      row.put("expectedValue", Json.money(c.expectedValue()));
      row.put("arithmetic", c.arithmetic());
      row.put("uplift", c.uplift());
      row.put("upliftSource", c.upliftSource());
      candidates.add(row);
    }
    m.put("candidates", candidates);
    return m;
  }
}

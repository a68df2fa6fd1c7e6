package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel events}: a page of the durable event log that model runs write. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a page of customer events (churn_risk_alert, high_value_customer, segment_changed) that activated model "
          + "runs wrote, in id order, after an id. To follow the log, pass the page's nextAfter as --after.",
      "JSON: {\"latestId\":N,\"events\":[{\"id\":N,\"type\":\"churn_risk_alert\",\"customerId\":\"...\","
          + "\"occurredAt\":\"...\",\"runId\":N,\"payload\":{...}},...],\"nextAfter\":N}."
    })
final class EventsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--after", paramLabel = "ID", defaultValue = "0",
      description = "Only events with a greater id (default 0: from the oldest kept)")
  long after;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "Only events of this type (repeatable): churn_risk_alert, high_value_customer, segment_changed")
  List<String> types = new ArrayList<>();

  @Option(names = "--customer", paramLabel = "ID", description = "Only this customer's events")
  String customer;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most this many events, 1 to " + EventQuery.MAX_LIMIT + " (default 100)")
  int limit;

  @Override
  public Integer call() {
    database.check(spec);
    EventQuery query;
    try {
      Set<EventType> wanted = EnumSet.noneOf(EventType.class);
      for (String t : types) {
        wanted.add(EventType.fromWireName(t));
      }
      query = new EventQuery(after, wanted, customer, limit);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), "--" + option(e.field()) + ": " + e.getMessage());
    }
    try (CustomerIntelligence ci = database.open()) {
      List<CustomerEvent> events = ci.events().read(query);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("latestId", ci.events().latestId());
      List<Map<String, Object>> list = new ArrayList<>(events.size());
      for (CustomerEvent e : events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().wireName());
        m.put("customerId", e.customerId());
        m.put("occurredAt", e.occurredAt().toString());
        m.put("runId", e.runId());
        m.put("payload", e.payload());
        list.add(m);
      }
      out.put("events", list);
      out.put("nextAfter", events.isEmpty() ? after : events.get(events.size() - 1).id());
      Json.print(spec.commandLine().getOut(), out);
    }
    return CustintelCli.OK;
  }

  private static String option(String field) {
    return switch (field) {
      case "afterId" -> "after";
      case "customerId" -> "customer";
      default -> field;
    };
  }
}

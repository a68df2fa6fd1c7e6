package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.segments.CustomerSegment;
import dev.custintel.analytics.segments.RfmScores;
import dev.custintel.analytics.segments.SegmentMember;
import dev.custintel.analytics.segments.SegmentMembership;
import dev.custintel.analytics.segments.SegmentPage;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentReport;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.analytics.segments.SegmentSummary;
import dev.custintel.core.model.Money;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel segments}: RFM segments of a database, as JSON. */
@Command(
    name = "segments",
    mixinStandardHelpOptions = true,
    description = {
      "Prints RFM segments: recency, frequency and monetary scores (1-5, or 1-3 for klaviyo) of every customer with "
          + "a purchase before the as-of instant, and how many customers each segment of the preset holds. A score "
          + "is min(s, 1 + floor(s*L/n)), L the customers with a strictly worse value: equal values score alike. "
          + "No model run is needed; the active run's mean churn risk and LTV are added when it is in the currency.",
      "JSON: {\"preset\":\"rf-grid\",\"presetVersion\":1,\"asOf\":\"...\",\"currency\":\"USD\",\"customers\":N,"
          + "\"prospects\":N,\"activeRunId\":N,\"segments\":[{\"name\":\"champions\",\"customers\":N,\"share\":...,"
          + "\"revenue\":\"...\",\"averageChurnRisk\":...,\"averageLtv\":\"...\"},...],\"scores\":{\"R\":{\"1\":N,...},"
          + "\"F\":{...},\"M\":{...}}}.",
      "With --customer: that customer's scores and segment (and the active run's stored membership). With "
          + "--members NAME: a page of the segment's customers."
    })
final class SegmentsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--preset", paramLabel = "rf-grid|shopify|klaviyo", defaultValue = "rf-grid",
      description = "The segments (default rf-grid)")
  String preset;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Count orders placed before the start of this day, UTC (default: now)")
  LocalDate asOf;

  @Option(names = "--currency", paramLabel = "CODE",
      description = "Only orders in this currency (required when the shop has several)")
  String currency;

  @Option(names = "--customer", paramLabel = "ID", description = "Print this customer's scores and segment")
  String customer;

  @Option(names = "--members", paramLabel = "SEGMENT", description = "Print a page of this segment's customers")
  String members;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Customers per page with --members, 1 to 1000 (default 100)")
  int limit;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "With --members: the nextCursor of a page")
  String cursor;

  @Override
  public Integer call() {
    database.check(spec);
    if (customer != null && members != null) {
      throw new ParameterException(spec.commandLine(), "--customer and --members cannot be used together");
    }
    SegmentRequest request = SegmentRequest.of(SegmentPreset.parse(preset));
    if (asOf != null) {
      request = request.withAsOf(asOf.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    if (currency != null) {
      request = request.withCurrency(Money.currency(currency));
    }
    try (CustomerIntelligence ci = database.open()) {
      Object out;
      if (customer != null) {
        out = view(ci.segments().customer(customer, request));
      } else if (members != null) {
        out = view(ci.segments().members(members, request, limit, cursor));
      } else {
        out = view(ci.segments().report(request));
      }
      Json.print(spec.commandLine().getOut(), out);
    }
    return CustintelCli.OK;
  }

  static Map<String, Object> view(SegmentReport r) {
    Map<String, Object> m = Json.object();
    m.put("preset", r.preset());
    m.put("presetVersion", r.presetVersion());
    m.put("asOf", Json.instant(r.asOf()));
    m.put("currency", r.currency() == null ? null : r.currency().getCurrencyCode());
    m.put("customers", r.customers());
    m.put("prospects", r.prospects());
    m.put("activeRunId", r.activeRunId());
    List<Map<String, Object>> segments = new ArrayList<>();
    for (SegmentSummary s : r.segments()) {
      Map<String, Object> row = Json.object();
      row.put("name", s.name());
      row.put("description", s.description());
      row.put("customers", s.customers());
      row.put("share", s.share());
      row.put("revenue", amount(s.revenue()));
      row.put("scoredByActiveRun", s.scoredByActiveRun());
      row.put("averageChurnRisk", s.averageChurnRisk());
      row.put("averageLtv", amount(s.averageLtv()));
      segments.add(row);
    }
    m.put("segments", segments);
    Map<String, Object> scores = Json.object();
    r.scores().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Map<String, Object> counts = Json.object();
      e.getValue().forEach((k, v) -> counts.put(Integer.toString(k), v));
      scores.put(e.getKey(), counts);
    });
    Map<String, Object> ordered = Json.object();
    for (String key : List.of("R", "F", "M")) {
      ordered.put(key, scores.get(key));
    }
    m.put("scores", ordered);
    return m;
  }

  static Map<String, Object> view(CustomerSegment c) {
    Map<String, Object> m = Json.object();
    m.put("segment", c.segment());
    m.putAll(view(c.scores()));
    SegmentMembership s = c.stored();
    if (s == null) {
      m.put("stored", null);
    } else {
      Map<String, Object> stored = Json.object();
      stored.put("runId", s.runId());
      stored.put("segment", s.segment());
      stored.put("previousSegment", s.previousSegment());
      stored.put("changedAt", Json.instant(s.changedAt()));
      stored.put("changedInRunId", s.changedInRunId());
      m.put("stored", stored);
    }
    return m;
  }

  static Map<String, Object> view(SegmentPage page) {
    Map<String, Object> m = Json.object();
    List<Map<String, Object>> items = new ArrayList<>();
    for (SegmentMember member : page.items()) {
      Map<String, Object> row = Json.object();
      row.put("segment", member.segment());
      row.putAll(view(member.scores()));
      items.add(row);
    }
    m.put("items", items);
    m.put("nextCursor", page.nextCursor());
    return m;
  }

  private static Map<String, Object> view(RfmScores s) {
    Map<String, Object> m = Json.object();
    m.put("customerId", s.customerId());
    m.put("r", s.r());
    m.put("f", s.f());
    m.put("m", s.m());
    m.put("recencyDays", s.recencyDays());
    m.put("frequency", s.frequency());
    m.put("monetary", amount(s.monetary()));
    m.put("lastPurchaseAt", Json.instant(s.lastPurchaseAt()));
    return m;
  }

  private static @Nullable String amount(@Nullable Money money) {
    return money == null ? null : Json.amount(money.amount(), money.currency());
  }
}

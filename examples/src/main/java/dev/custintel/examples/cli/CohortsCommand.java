package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.cohorts.Cohort;
import dev.custintel.analytics.cohorts.CohortCell;
import dev.custintel.analytics.cohorts.CohortInsight;
import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.core.model.Money;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custintel cohorts}: cohort retention of a database, as JSON or CSV. */
@Command(
    name = "cohorts",
    mixinStandardHelpOptions = true,
    description = {
      "Prints cohort retention: customers grouped by the period of their first purchase, and for each cohort and "
          + "period k = 0, 1, ... up to the data's end: active customers (a purchase in k), customers active in k "
          + "or later, both as fractions of the cohort, purchases, revenue net of returns, and cumulative revenue "
          + "per customer. No model run is needed.",
      "JSON: {\"period\":\"month\",\"zone\":\"UTC\",\"currency\":\"USD\",\"rollingDays\":null,\"cohorts\":[{\"cohort\":"
          + "\"1997-01\",\"start\":\"1997-01-01\",\"customers\":N,\"periods\":[{\"index\":0,\"active\":N,"
          + "\"activeOnOrAfter\":N,\"retention\":1.0,\"retentionOnOrAfter\":1.0,\"orders\":N,\"revenue\":\"...\","
          + "\"cumulativeRevenuePerCustomer\":\"...\"},...]},...],\"insights\":[{\"kind\":\"RETENTION_OUTLIER\","
          + "\"text\":\"...\",\"cohort\":\"...\",\"metric\":\"retention[3]\",\"value\":...},...]}. Amounts are "
          + "strings in the currency.",
      "CSV: one row per (cohort, k): cohort,customers,index,active,activeOnOrAfter,retention,retentionOnOrAfter,"
          + "orders,revenue,cumulativeRevenuePerCustomer,currency."
    })
final class CohortsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(names = "--period", paramLabel = "week|month|quarter", defaultValue = "month",
      description = "The period of cohorts, and of k (default month; weeks are ISO weeks from Monday)")
  String period;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD",
      description = "The first cohort is the one whose period holds this day (default: the first)")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD",
      description = "The last cohort is the one whose period holds this day (default: the last)")
  LocalDate to;

  @Option(names = "--currency", paramLabel = "CODE",
      description = "Only purchases and returns in this currency (required when the shop has several)")
  String currency;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ImportCommand.ZoneConverter.class,
      description = "The time zone whose calendar the periods follow (default UTC)")
  ZoneId zone;

  @Option(names = "--rolling-days", paramLabel = "N",
      description = "Period k holds the purchases k*N to (k+1)*N days after each customer's first, instead of "
          + "calendar periods")
  Integer rollingDays;

  @Option(names = "--first-product", paramLabel = "ID",
      description = "Only customers whose first purchase holds this product")
  String firstProduct;

  @Option(names = "--first-category", paramLabel = "CATEGORY",
      description = "Only customers whose first purchase holds a product of this category")
  String firstCategory;

  @Option(names = "--country", paramLabel = "COUNTRY", description = "Only customers of this country, as stored")
  String country;

  @Option(names = "--min-cohort-size", paramLabel = "N", defaultValue = "30",
      description = "Insights leave out, and name, cohorts with fewer customers (default 30)")
  int minCohortSize;

  @Option(names = "--output", paramLabel = "json|csv", defaultValue = "json",
      description = "json (default) or csv")
  String output;

  @Override
  public Integer call() {
    database.check(spec);
    if (!output.equals("json") && !output.equals("csv")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--output must be json or csv (was '" + output + "')");
    }
    CohortRequest request = CohortRequest.builder()
        .period(CohortPeriod.parse(period))
        .zone(zone)
        .from(from)
        .to(to)
        .currency(currency == null ? null : Money.currency(currency))
        .rollingDays(rollingDays)
        .firstProduct(firstProduct)
        .firstCategory(firstCategory)
        .country(country)
        .minimumCohortSize(minCohortSize)
        .build();
    try (CustomerIntelligence ci = database.open()) {
      CohortTable table = ci.cohorts().retention(request);
      if (output.equals("csv")) {
        spec.commandLine().getOut().print(table.toCsv());
        spec.commandLine().getOut().flush();
      } else {
        Json.print(spec.commandLine().getOut(), view(table));
      }
    }
    return CustintelCli.OK;
  }

  /**
   * @param t a cohort table
   * @return its JSON view
   */
  static Map<String, Object> view(CohortTable t) {
    Map<String, Object> m = Json.object();
    m.put("period", t.period().lowerCase());
    m.put("zone", t.zone().getId());
    m.put("currency", t.currency() == null ? null : t.currency().getCurrencyCode());
    m.put("rollingDays", t.rollingDays());
    List<Map<String, Object>> cohorts = new ArrayList<>();
    for (Cohort c : t.cohorts()) {
      Map<String, Object> row = Json.object();
      row.put("cohort", c.label());
      row.put("start", c.start().toString());
      row.put("customers", c.customers());
      List<Map<String, Object>> periods = new ArrayList<>();
      for (CohortCell cell : c.periods()) {
        Map<String, Object> p = Json.object();
        p.put("index", cell.index());
        p.put("active", cell.active());
        p.put("activeOnOrAfter", cell.activeOnOrAfter());
        p.put("retention", cell.retention());
        p.put("retentionOnOrAfter", cell.retentionOnOrAfter());
        p.put("orders", cell.orders());
        p.put("revenue", Json.amount(cell.revenue().amount(), cell.revenue().currency()));
        p.put("cumulativeRevenuePerCustomer", Json.amount(cell.cumulativeRevenuePerCustomer().amount(),
            cell.cumulativeRevenuePerCustomer().currency()));
        periods.add(p);
      }
      row.put("periods", periods);
      cohorts.add(row);
    }
    m.put("cohorts", cohorts);
    List<Map<String, Object>> insights = new ArrayList<>();
    for (CohortInsight i : t.insights()) {
      Map<String, Object> row = Json.object();
      row.put("kind", i.kind().name());
      row.put("text", i.text());
      row.put("cohort", i.cohort());
      row.put("metric", i.metric());
      row.put("value", i.value());
      insights.add(row);
    }
    m.put("insights", insights);
    return m;
  }
}

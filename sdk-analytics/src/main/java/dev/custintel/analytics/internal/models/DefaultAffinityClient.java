package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.AffinityClient;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.affinity.RuleQuery;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** Product rules of the active run, by lookups. Not API. */
public final class DefaultAffinityClient implements AffinityClient {
  static final String KIND = "affinity";
  private static final int NAMES_PER_QUERY = 500;
  private static final String RULE_COLUMNS = "r.rule_no, r.antecedent, r.consequent, r.baskets, r.support,"
      + " r.confidence, r.lift, r.leverage, r.conviction";

  private final RunStore runs;
  private final ActiveRuns active;

  public DefaultAffinityClient(RunStore runs, ActiveRuns active) {
    this.runs = runs;
    this.active = active;
  }

  /** The active run and its affinity report. */
  private record Active(long runId, AffinityReport report) {}

  private Active activeRun() {
    long runId = runs.activeRunId().orElseThrow(() -> new ModelNotReadyException(KIND));
    ModelRun run = active.models(runId).run();
    if (run.affinity() == null) {
      throw new ModelNotReadyException(KIND, "the active model run " + runId + " was made without product affinity."
          + " Run ci.models().refresh() with affinity (the default), or activate a run that has it.");
    }
    return new Active(runId, run.affinity());
  }

  /** A rule row before its products are named. */
  private record Row(int ruleNo, List<String> antecedent, List<String> consequent, int baskets, double support,
      double confidence, double lift, double leverage, double conviction) {}

  private static Row row(ResultSet rs, long runId) throws SQLException {
    double conviction = rs.getDouble("conviction");
    if (rs.wasNull()) {
      conviction = Double.POSITIVE_INFINITY;
    }
    return new Row(rs.getInt("rule_no"), RunDocuments.readStrings(rs.getString("antecedent"), runId),
        RunDocuments.readStrings(rs.getString("consequent"), runId), rs.getInt("baskets"), rs.getDouble("support"),
        rs.getDouble("confidence"), rs.getDouble("lift"), rs.getDouble("leverage"), conviction);
  }

  @Override
  public List<ProductRule> rules(RuleQuery query) {
    Objects.requireNonNull(query, "query");
    Active run = activeRun();
    String order = switch (query.orderBy()) {
      case LIFT -> "r.lift";
      case CONFIDENCE -> "r.confidence";
      case SUPPORT -> "r.support";
      case LEVERAGE -> "r.leverage";
    };
    StringBuilder sql = new StringBuilder("SELECT ").append(RULE_COLUMNS).append(" FROM ")
        .append(runs.table("product_rules")).append(" r WHERE r.run_id = :run AND r.support >= :support")
        .append(" AND r.confidence >= :confidence AND r.lift >= :lift AND r.antecedent_size <= :maxAntecedent");
    List<String> a = List.copyOf(query.antecedentAnyOf());
    List<String> c = List.copyOf(query.consequentAnyOf());
    sideConstraint(sql, "A", "a", a.size());
    sideConstraint(sql, "C", "c", c.size());
    sql.append(" ORDER BY ").append(order).append(" DESC, r.rule_no FETCH FIRST ").append(query.limit())
        .append(" ROWS ONLY");
    return runs.read("Reading product rules", h -> {
      var q = h.createQuery(sql.toString())
          .bind("run", run.runId())
          .bind("support", query.minSupport())
          .bind("confidence", query.minConfidence())
          .bind("lift", query.minLift())
          .bind("maxAntecedent", query.maxAntecedentLength());
      for (int i = 0; i < a.size(); i++) {
        q.bind("a" + i, a.get(i));
      }
      for (int i = 0; i < c.size(); i++) {
        q.bind("c" + i, c.get(i));
      }
      return named(h, run.runId(), q.map((rs, ctx) -> row(rs, run.runId())).list());
    });
  }

  private void sideConstraint(StringBuilder sql, String side, String param, int count) {
    if (count == 0) {
      return;
    }
    sql.append(" AND EXISTS (SELECT 1 FROM ").append(runs.table("product_rule_items"))
        .append(" i WHERE i.run_id = r.run_id AND i.rule_no = r.rule_no AND i.side = '").append(side)
        .append("' AND i.product_id IN (").append(placeholders(param, count)).append("))");
  }

  @Override
  public List<ProductRule> boughtTogether(String productId, int limit) {
    requireId(productId, "productId");
    RunStore.checkLimit(limit, RuleQuery.MAX_LIMIT);
    Active run = activeRun();
    return runs.read("Reading the products bought together with " + productId, h -> {
      List<Row> rows = h.createQuery("SELECT " + RULE_COLUMNS + " FROM " + runs.table("product_rule_items")
              + " i JOIN " + runs.table("product_rules") + " r ON r.run_id = i.run_id AND r.rule_no = i.rule_no"
              + " WHERE i.run_id = :run AND i.side = 'A' AND i.product_id = :product AND r.antecedent_size = 1"
              + " ORDER BY r.confidence DESC, r.lift DESC, r.rule_no FETCH FIRST " + limit + " ROWS ONLY")
          .bind("run", run.runId())
          .bind("product", productId)
          .map((rs, ctx) -> row(rs, run.runId()))
          .list();
      if (rows.isEmpty() && !productKnown(h, run.runId(), productId)) {
        throw new NotFoundException("product", productId, "No product with id '" + productId + "' in the store"
            + " or in the baskets of the active model run " + run.runId() + ". Check the id: products come from"
            + " the lines of ingested orders.");
      }
      return named(h, run.runId(), rows);
    });
  }

  private boolean productKnown(Handle h, long runId, String productId) {
    return h.createQuery("SELECT (SELECT COUNT(*) FROM " + runs.table("products") + " WHERE product_id = :p)"
            + " + (SELECT COUNT(*) FROM " + runs.table("product_stats") + " WHERE run_id = :run AND product_id = :p)")
        .bind("p", productId)
        .bind("run", runId)
        .mapTo(Long.class)
        .one() > 0;
  }

  @Override
  public List<CrossSellSuggestion> crossSell(String customerId, int limit) {
    requireId(customerId, "customerId");
    RunStore.checkLimit(limit, RuleQuery.MAX_LIMIT);
    Active run = activeRun();
    String bought = "SELECT DISTINCT l.product_id FROM " + runs.table("orders") + " o JOIN "
        + runs.table("order_lines") + " l ON l.order_id = o.order_id"
        + " WHERE o.customer_id = :customer AND o.kind = 'PURCHASE'";
    return runs.read("Reading the cross-sell suggestions for customer " + customerId, h -> {
      Set<String> history = new HashSet<>(h.createQuery(bought).bind("customer", customerId)
          .mapTo(String.class).list());
      if (history.isEmpty() && !customerKnown(h, customerId)) {
        throw NotFoundException.customer(customerId);
      }
      List<Row> rules = rulesWithin(h, run.runId(), history);
      Set<String> candidates = new LinkedHashSet<>();
      for (Row r : rules) {
        for (String p : r.consequent()) {
          if (!history.contains(p)) {
            candidates.add(p);
          }
        }
      }
      Map<String, Double> weights = valueWeights(h, run, candidates);
      Map<String, Best> best = new HashMap<>();
      for (Row r : rules) {
        for (String p : r.consequent()) {
          if (history.contains(p)) {
            continue;
          }
          double weight = weights.getOrDefault(p, 1.0);
          double score = r.lift() * weight;
          Best b = best.get(p);
          if (b == null || score > b.score() || (score == b.score() && r.ruleNo() < b.rule().ruleNo())) {
            best.put(p, new Best(p, score, weight, r));
          }
        }
      }
      List<Best> ranked = new ArrayList<>(best.values());
      ranked.sort(Comparator.comparingDouble(Best::score).reversed().thenComparing(Best::productId));
      List<Best> top = ranked.subList(0, Math.min(limit, ranked.size()));
      Set<String> ids = new HashSet<>();
      for (Best b : top) {
        ids.add(b.productId());
        ids.addAll(b.rule().antecedent());
        ids.addAll(b.rule().consequent());
      }
      Map<String, String> names = names(h, ids);
      List<CrossSellSuggestion> out = new ArrayList<>(top.size());
      for (Best b : top) {
        out.add(new CrossSellSuggestion(new ProductRef(b.productId(), names.get(b.productId())), b.score(),
            b.weight(), rule(run.runId(), b.rule(), names)));
      }
      return out;
    });
  }

  private record Best(String productId, double score, double weight, Row rule) {}

  /**
   * The rules whose every antecedent product is in {@code products}: count each rule's antecedent products found
   * (by the items' primary key), keep those whose count is the antecedent's size, then read them by rule number.
   * Plain indexed lookups in chunks, which every database plans well (a correlated IN over the order history did
   * not on H2).
   */
  private List<Row> rulesWithin(Handle h, long runId, Set<String> products) {
    Map<Integer, int[]> matched = new HashMap<>();
    forChunks(List.copyOf(products), chunk -> h.createQuery("SELECT i.rule_no, r.antecedent_size FROM "
            + runs.table("product_rule_items") + " i JOIN " + runs.table("product_rules")
            + " r ON r.run_id = i.run_id AND r.rule_no = i.rule_no"
            + " WHERE i.run_id = :run AND i.side = 'A' AND i.product_id IN (" + placeholders("p", chunk.size()) + ")")
        .bind("run", runId)
        .bindMap(params("p", chunk))
        .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .forEach(r -> matched.computeIfAbsent(r[0], k -> new int[] {0, r[1]})[0]++));
    List<String> complete = new ArrayList<>();
    matched.forEach((ruleNo, m) -> {
      if (m[0] == m[1]) {
        complete.add(Integer.toString(ruleNo));
      }
    });
    List<Row> rows = new ArrayList<>(complete.size());
    forChunks(complete, chunk -> rows.addAll(h.createQuery("SELECT " + RULE_COLUMNS + " FROM "
            + runs.table("product_rules") + " r WHERE r.run_id = :run AND r.rule_no IN ("
            + String.join(", ", chunk) + ")")
        .bind("run", runId)
        .map((rs, ctx) -> row(rs, runId))
        .list()));
    return rows;
  }

  /** The products' value weights: their buyers' mean lifetime value over the run's mean; absent means 1. */
  private Map<String, Double> valueWeights(Handle h, Active run, Set<String> products) {
    Map<String, Double> weights = new HashMap<>();
    double mean = run.report().customerLtvMean();
    if (products.isEmpty() || !(mean > 0)) {
      return weights;
    }
    forChunks(List.copyOf(products), chunk -> h.createQuery("SELECT product_id, buyer_ltv_mean FROM "
            + runs.table("product_stats") + " WHERE run_id = :run AND buyer_ltv_mean IS NOT NULL AND product_id IN ("
            + placeholders("p", chunk.size()) + ")")
        .bind("run", run.runId())
        .bindMap(params("p", chunk))
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getDouble(2) / mean))
        .forEach(e -> weights.put(e.getKey(), e.getValue())));
    return weights;
  }

  private boolean customerKnown(Handle h, String customerId) {
    return h.createQuery("SELECT COUNT(*) FROM " + runs.table("customers") + " WHERE customer_id = :c")
        .bind("c", customerId)
        .mapTo(Long.class)
        .one() > 0;
  }

  private List<ProductRule> named(Handle h, long runId, List<Row> rows) {
    Set<String> ids = new HashSet<>();
    for (Row r : rows) {
      ids.addAll(r.antecedent());
      ids.addAll(r.consequent());
    }
    Map<String, String> names = names(h, ids);
    List<ProductRule> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(rule(runId, r, names));
    }
    return out;
  }

  private static ProductRule rule(long runId, Row r, Map<String, String> names) {
    return new ProductRule(runId, refs(r.antecedent(), names), refs(r.consequent(), names), r.baskets(),
        r.support(), r.confidence(), r.lift(), r.leverage(), r.conviction());
  }

  private static List<ProductRef> refs(List<String> ids, Map<String, String> names) {
    List<ProductRef> refs = new ArrayList<>(ids.size());
    for (String id : ids) {
      refs.add(new ProductRef(id, names.get(id)));
    }
    return refs;
  }

  private Map<String, String> names(Handle h, Set<String> ids) {
    Map<String, String> names = new HashMap<>();
    forChunks(List.copyOf(ids), chunk -> h.createQuery("SELECT product_id, name FROM " + runs.table("products")
            + " WHERE product_id IN (" + placeholders("p", chunk.size()) + ")")
        .bindMap(params("p", chunk))
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> names.put(e.getKey(), e.getValue())));
    return names;
  }

  private static void forChunks(List<String> values, Consumer<List<String>> work) {
    for (int i = 0; i < values.size(); i += NAMES_PER_QUERY) {
      work.accept(values.subList(i, Math.min(values.size(), i + NAMES_PER_QUERY)));
    }
  }

  private static String placeholders(String prefix, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? ":" : ", :").append(prefix).append(i);
    }
    return sb.toString();
  }

  private static Map<String, Object> params(String prefix, List<String> values) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      params.put(prefix + i, values.get(i));
    }
    return params;
  }

  private static void requireId(String id, String field) {
    Objects.requireNonNull(id, field);
    if (id.isBlank()) {
      throw InvalidInputException.argument(field, "must not be blank");
    }
  }
}

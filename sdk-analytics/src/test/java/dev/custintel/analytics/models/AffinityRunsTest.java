package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.affinity.AffinityOptions;
import dev.custintel.analytics.affinity.CrossSellSuggestion;
import dev.custintel.analytics.affinity.LimitPolicy;
import dev.custintel.analytics.affinity.MiningLimitException;
import dev.custintel.analytics.affinity.MiningOptions;
import dev.custintel.analytics.affinity.ProductRef;
import dev.custintel.analytics.affinity.ProductRule;
import dev.custintel.analytics.affinity.RuleOptions;
import dev.custintel.analytics.affinity.RuleOrder;
import dev.custintel.analytics.affinity.RuleQuery;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.model.Product;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Product affinity inside model runs, on a generated shop whose catalogue plants companions ("a teapot pulls in
 * loose tea 70% of the time"). Every stored figure is checked against baskets read here with plain JDBC and
 * counted by brute force. Tests that add runs put the first run back as the active one. On H2 and on
 * PostgreSQL: one instance serves both, every field set anew for each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AffinityRunsTest extends OnBothDatabases {
  private static final String PREFIX = "af_";
  private static final double REL = 1e-12;

  private TestDatabase database;
  private CustomerIntelligence ci;
  private ModelRun run;
  private List<Product> catalog;
  /** Purchase baskets, read independently: order id → distinct product ids. */
  private Map<String, Set<String>> baskets;
  /** Purchase baskets' customer: order id → customer id. */
  private Map<String, String> orderCustomer;

  @BeforeParameterizedClassInvocation
  void generateAndRefresh() throws SQLException {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).tablePrefix(PREFIX).maximumPoolSize(4).build();
    assertThatThrownBy(() -> ci.affinity().boughtTogether("P-0001", 5))
        .isInstanceOf(ModelNotReadyException.class)
        .satisfies(e -> assertThat(((ModelNotReadyException) e).kind()).isEqualTo("affinity"));
    ShopGenerator generator = ShopGenerator.builder().seed(11L).customers(500).months(12).build();
    catalog = generator.catalog();
    generator.generate(2_000, batch -> ci.ingestion().ingest(batch));
    run = ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    baskets = new TreeMap<>();
    orderCustomer = new HashMap<>();
    try (Connection c = connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT o.order_id, o.customer_id, l.product_id FROM "
            + PREFIX + "orders o JOIN " + PREFIX + "order_lines l ON l.order_id = o.order_id"
            + " WHERE o.kind = 'PURCHASE'")) {
      while (rs.next()) {
        baskets.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(3));
        orderCustomer.put(rs.getString(1), rs.getString(2));
      }
    }
  }

  @AfterParameterizedClassInvocation
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private Connection connection() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl());
  }

  private long count(String sql) throws SQLException {
    try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long basketsHolding(Set<String> products) {
    return baskets.values().stream().filter(b -> b.containsAll(products)).count();
  }

  private List<ProductRule> allRules() {
    return ci.affinity().rules(RuleQuery.builder().limit(RuleQuery.MAX_LIMIT).build());
  }

  private static Set<String> ids(List<ProductRef> refs) {
    return refs.stream().map(ProductRef::productId).collect(Collectors.toCollection(TreeSet::new));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The run

  @Test
  void run_readsOneBasketPerPurchaseOrder_returnsExcluded() throws SQLException {
    AffinityReport report = run.affinity();
    assertThat(report).isNotNull();
    long returns = count("SELECT COUNT(*) FROM " + PREFIX + "orders WHERE kind = 'RETURN'");
    assertThat(returns).as("the generator makes returns, which must not be baskets").isPositive();
    assertThat(report.baskets()).isEqualTo(baskets.size())
        .isEqualTo(count("SELECT COUNT(*) FROM " + PREFIX + "orders WHERE kind = 'PURCHASE'"));
    assertThat(report.products())
        .isEqualTo(baskets.values().stream().flatMap(Set::stream).distinct().count());
    // Defaults: 0.1% of the baskets, but at least 5.
    assertThat(report.minCount()).isEqualTo(Math.max(5, (int) Math.ceil(0.001 * baskets.size())));
    assertThat(report.options()).isEqualTo(AffinityOptions.defaults());
    assertThat(report.rules()).isPositive()
        .isEqualTo(count("SELECT COUNT(*) FROM " + PREFIX + "product_rules WHERE run_id = " + run.id()));
    assertThat(report.truncated()).isFalse();
    assertThat(run.timing().phases()).containsKey("affinity");
    // The run read back from the database carries the same report.
    assertThat(ci.models().get(run.id()).affinity()).isEqualTo(report);
  }

  @Test
  void storedRules_haveTheMeasuresOfTheBasketsCountedByBruteForce() {
    List<ProductRule> rules = allRules();
    assertThat(rules).hasSize(run.affinity().rules());
    double n = baskets.size();
    for (ProductRule r : rules) {
      Set<String> x = ids(r.antecedent());
      Set<String> y = ids(r.consequent());
      Set<String> all = new TreeSet<>(x);
      all.addAll(y);
      long xy = basketsHolding(all);
      double sx = basketsHolding(x) / n;
      double sy = basketsHolding(y) / n;
      double confidence = xy / n / sx;
      assertThat(r.runId()).isEqualTo(run.id());
      assertThat(r.baskets()).as("%s", r).isEqualTo(xy);
      assertThat(r.support()).isCloseTo(xy / n, within(REL));
      assertThat(r.confidence()).isCloseTo(confidence, within(REL));
      assertThat(r.lift()).isCloseTo(confidence / sy, within(REL * confidence / sy));
      assertThat(r.leverage()).isCloseTo(xy / n - sx * sy, within(REL));
      if (confidence == 1) {
        assertThat(r.conviction()).isInfinite();
      } else {
        assertThat(r.conviction()).isCloseTo((1 - sy) / (1 - confidence), within(1e-9 * r.conviction()));
      }
      // The defaults: one product on the right, at most 3 products, confidence ≥ 0.05, lift ≥ 1, count ≥ minCount.
      assertThat(y).hasSize(1);
      assertThat(x.size() + y.size()).isBetween(2, 3);
      assertThat(r.confidence()).isGreaterThanOrEqualTo(0.05 - REL);
      assertThat(r.lift()).isGreaterThanOrEqualTo(1 - REL);
      assertThat(r.baskets()).isGreaterThanOrEqualTo(run.affinity().minCount());
    }
    // Ranked by lift, highest first.
    assertThat(rules).isSortedAccordingTo(Comparator.comparingDouble(ProductRule::lift).reversed());
  }

  @Test
  void everyQualifyingPairIsStored() {
    // Brute force over all pairs of products: {a} ⇒ {b} qualifies iff count ≥ minCount, confidence ≥ 0.05, lift ≥ 1.
    Map<String, Integer> single = new HashMap<>();
    Map<List<String>, Integer> pairs = new HashMap<>();
    for (Set<String> b : baskets.values()) {
      List<String> items = new ArrayList<>(b);
      for (int i = 0; i < items.size(); i++) {
        single.merge(items.get(i), 1, Integer::sum);
        for (int j = i + 1; j < items.size(); j++) {
          pairs.merge(List.of(items.get(i), items.get(j)), 1, Integer::sum);
        }
      }
    }
    double n = baskets.size();
    Set<List<String>> expected = new HashSet<>();
    pairs.forEach((pair, c) -> {
      if (c < run.affinity().minCount()) {
        return;
      }
      for (int side = 0; side < 2; side++) {
        String a = pair.get(side);
        String b = pair.get(1 - side);
        double confidence = (double) c / single.get(a);
        double lift = confidence / (single.get(b) / n);
        if (confidence >= 0.05 && lift >= 1) {
          expected.add(List.of(a, b));
        }
      }
    });
    Set<List<String>> stored = allRules().stream()
        .filter(r -> r.antecedent().size() == 1)
        .map(r -> List.of(r.antecedent().get(0).productId(), r.consequent().get(0).productId()))
        .collect(Collectors.toSet());
    assertThat(expected).isNotEmpty();
    assertThat(stored).isEqualTo(expected);
  }

  @Test
  void rulesNameTheirProductsFromTheCatalogue() {
    Map<String, String> names = catalog.stream().collect(Collectors.toMap(Product::id, Product::name));
    for (ProductRule r : allRules()) {
      for (ProductRef p : r.antecedent()) {
        assertThat(p.name()).isEqualTo(names.get(p.productId())).isNotNull();
      }
      for (ProductRef p : r.consequent()) {
        assertThat(p.name()).isEqualTo(names.get(p.productId())).isNotNull();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads

  @Test
  void boughtTogether_isTheProductsSingleItemRules_byConfidence_andHoldsThePlantedCompanion() {
    // The catalogue plants companions (a matcha whisk with matcha, a dripper with its filters), spread over a few
    // products each: the strongest well-supported pair is many times more frequent than chance.
    ProductRule planted = allRules().stream()
        .filter(r -> r.antecedent().size() == 1 && r.baskets() >= 10)
        .max(Comparator.comparingDouble(ProductRule::lift))
        .orElseThrow();
    assertThat(planted.lift()).isGreaterThan(5);
    String anchor = planted.antecedent().get(0).productId();
    List<ProductRule> together = ci.affinity().boughtTogether(anchor, 50);
    List<ProductRule> expected = allRules().stream()
        .filter(r -> r.antecedent().size() == 1 && r.antecedent().get(0).productId().equals(anchor))
        .sorted(Comparator.comparingDouble(ProductRule::confidence).reversed()
            .thenComparing(Comparator.comparingDouble(ProductRule::lift).reversed()))
        .limit(50)
        .toList();
    assertThat(together).isNotEmpty().containsExactlyElementsOf(expected).contains(planted);
    assertThat(ci.affinity().boughtTogether(anchor, 1)).containsExactly(together.get(0));
  }

  @Test
  void boughtTogether_unknownProduct_isNotFound_butAKnownProductWithoutRulesIsEmpty() {
    assertThatThrownBy(() -> ci.affinity().boughtTogether("NO-SUCH-PRODUCT", 5))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No product with id 'NO-SUCH-PRODUCT' in the store or in the baskets of the active model run "
            + ci.models().active().orElseThrow().id() + ". Check the id: products come from the lines of ingested"
            + " orders.");
    Set<String> inRules = allRules().stream().flatMap(r -> r.antecedent().stream()).map(ProductRef::productId)
        .collect(Collectors.toSet());
    String lonely = catalog.stream().map(Product::id).filter(p -> !inRules.contains(p)).findFirst()
        .orElseThrow();
    assertThat(ci.affinity().boughtTogether(lonely, 5)).isEmpty();
    assertThatThrownBy(() -> ci.affinity().boughtTogether("P-0001", 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> ci.affinity().boughtTogether(" ", 5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("productId");
  }

  @Test
  void rules_queryNarrowsAndRanksExactlyAsFilteringAllRules() {
    List<ProductRule> all = allRules();
    // The product most often on the right, and thresholds that keep about half of its rules.
    String popular = all.stream().map(r -> r.consequent().get(0).productId())
        .collect(Collectors.groupingBy(p -> p, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow().getKey();
    double[] lifts = all.stream().filter(r -> ids(r.consequent()).contains(popular)).mapToDouble(ProductRule::lift)
        .sorted().toArray();
    double minLift = lifts[lifts.length / 2];
    RuleQuery query = RuleQuery.builder().consequentAnyOf(popular).minConfidence(0.05).minLift(minLift)
        .orderBy(RuleOrder.CONFIDENCE).limit(7).build();
    List<ProductRule> expected = all.stream()
        .filter(r -> ids(r.consequent()).contains(popular) && r.confidence() >= 0.05 && r.lift() >= minLift)
        .sorted(Comparator.comparingDouble(ProductRule::confidence).reversed())
        .limit(7)
        .toList();
    assertThat(expected).hasSizeGreaterThan(1);
    assertThat(ci.affinity().rules(query)).hasSameSizeAs(expected)
        .extracting(ProductRule::confidence).containsExactlyElementsOf(
            expected.stream().map(ProductRule::confidence).toList());

    String left = all.get(0).antecedent().get(0).productId();
    List<ProductRule> pairsFromLeft = ci.affinity().rules(RuleQuery.builder().antecedentAnyOf(left)
        .maxAntecedentLength(1).minSupport(0.001).orderBy(RuleOrder.SUPPORT).limit(RuleQuery.MAX_LIMIT).build());
    assertThat(pairsFromLeft).isNotEmpty().allSatisfy(r -> {
      assertThat(ids(r.antecedent())).containsExactly(left);
      assertThat(r.support()).isGreaterThanOrEqualTo(0.001);
    });
    assertThat(pairsFromLeft).isSortedAccordingTo(Comparator.comparingDouble(ProductRule::support).reversed())
        .hasSize((int) all.stream().filter(r -> ids(r.antecedent()).equals(Set.of(left)) && r.support() >= 0.001)
            .count());
    assertThatThrownBy(() -> RuleQuery.builder().minConfidence(1.5).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minConfidence");
  }

  @Test
  void crossSell_matchesSuggestionsComputedFromTheHistoryTheRulesAndTheScores() throws SQLException {
    // Lifetime values of the run, independently of the SDK's readers.
    Map<String, Double> ltv = new HashMap<>();
    try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT customer_id, ltv FROM " + PREFIX + "customer_scores WHERE run_id = " + run.id())) {
      while (rs.next()) {
        ltv.put(rs.getString(1), rs.getDouble(2));
      }
    }
    double meanLtv = ltv.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(run.affinity().customerLtvMean()).isCloseTo(meanLtv, within(1e-9 * meanLtv));
    Map<String, Set<String>> buyers = new HashMap<>();
    Map<String, Set<String>> history = new HashMap<>();
    baskets.forEach((order, products) -> {
      String customer = orderCustomer.get(order);
      for (String p : products) {
        buyers.computeIfAbsent(p, k -> new HashSet<>()).add(customer);
        history.computeIfAbsent(customer, k -> new HashSet<>()).add(p);
      }
    });
    List<ProductRule> rules = allRules();
    int checked = 0;
    for (String customer : new TreeSet<>(history.keySet()).stream().limit(40).toList()) {
      Set<String> bought = history.get(customer);
      Map<String, Double> bestScore = new HashMap<>();
      for (ProductRule r : rules) {
        if (!bought.containsAll(ids(r.antecedent()))) {
          continue;
        }
        for (String p : ids(r.consequent())) {
          if (!bought.contains(p)) {
            double weight = buyers.get(p).stream().mapToDouble(ltv::get).average().orElseThrow() / meanLtv;
            bestScore.merge(p, r.lift() * weight, Math::max);
          }
        }
      }
      List<Map.Entry<String, Double>> expected = bestScore.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(10)
          .toList();
      List<CrossSellSuggestion> got = ci.affinity().crossSell(customer, 10);
      assertThat(got).hasSameSizeAs(expected);
      for (int i = 0; i < got.size(); i++) {
        CrossSellSuggestion s = got.get(i);
        assertThat(s.product().productId()).isEqualTo(expected.get(i).getKey());
        assertThat(s.score()).isCloseTo(expected.get(i).getValue(), within(1e-9 * s.score()));
        assertThat(s.score()).isCloseTo(s.rule().lift() * s.valueWeight(), within(1e-12 * s.score()));
        assertThat(bought).containsAll(ids(s.rule().antecedent())).doesNotContain(s.product().productId());
        assertThat(ids(s.rule().consequent())).contains(s.product().productId());
        assertThat(s.product().name()).isNotNull();
        checked++;
      }
    }
    assertThat(checked).as("suggestions compared").isGreaterThan(50);
    assertThatThrownBy(() -> ci.affinity().crossSell("NO-SUCH-CUSTOMER", 5))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("NO-SUCH-CUSTOMER");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Versions

  @Test
  void runsKeepTheirOwnRules_rollbackRestoresThem_pruneDeletesThem_andARunWithoutAffinityIsNotReady()
      throws SQLException {
    List<ProductRule> first = allRules();
    ModelRun strict = ci.models().refresh(ModelRunRequest.builder().backtest(false)
        .affinity(AffinityOptions.defaults().withRules(RuleOptions.builder().minConfidence(0.5).build()))
        .build());
    try {
      List<ProductRule> strictRules = allRules();
      assertThat(strictRules).isNotEmpty().allSatisfy(r -> {
        assertThat(r.runId()).isEqualTo(strict.id());
        assertThat(r.confidence()).isGreaterThanOrEqualTo(0.5);
      });
      assertThat(strictRules).hasSizeLessThan(first.size()).hasSize(strict.affinity().rules());

      ModelRun none = ci.models().refresh(ModelRunRequest.builder().backtest(false).noAffinity().build());
      assertThat(none.affinity()).isNull();
      assertThatThrownBy(() -> ci.affinity().crossSell(orderCustomer.values().iterator().next(), 5))
          .isInstanceOf(ModelNotReadyException.class)
          .hasMessageContaining("without product affinity");

      ci.models().activate(run.id());
      assertThat(allRules()).isEqualTo(first);
      assertThat(count("SELECT COUNT(*) FROM " + PREFIX + "product_stats WHERE run_id = " + strict.id()))
          .isPositive();
      // Keeps the newest run (without affinity) and the active one; deletes the strict run with its rules.
      assertThat(ci.models().prune(1)).isPositive();
      assertThatThrownBy(() -> ci.models().get(strict.id())).isInstanceOf(NotFoundException.class);
      for (String table : List.of("product_rules", "product_rule_items", "product_stats")) {
        assertThat(count("SELECT COUNT(*) FROM " + PREFIX + table + " WHERE run_id <> " + run.id()))
            .as(table).isZero();
      }
      assertThat(allRules()).isEqualTo(first);
    } finally {
      ci.models().activate(run.id());
    }
  }

  @Test
  void aRunWhoseFilterNamesAProductNeverSold_doesNotFail() {
    ModelRun filtered = ci.models().refresh(ModelRunRequest.builder().backtest(false).activate(false)
        .affinity(AffinityOptions.defaults().withRules(RuleOptions.builder().minConfidence(0.05).minLift(1)
            .forbid(Set.of("NEVER-SOLD")).build()))
        .build());
    assertThat(filtered.affinity().rules()).isEqualTo(run.affinity().rules());
    ModelRun impossible = ci.models().refresh(ModelRunRequest.builder().backtest(false).activate(false)
        .affinity(AffinityOptions.defaults().withRules(RuleOptions.builder()
            .requireInConsequent(Set.of("NEVER-SOLD")).build()))
        .build());
    assertThat(impossible.affinity().rules()).isZero();
    assertThat(ci.models().active().orElseThrow().id()).isEqualTo(run.id());
  }

  @Test
  void aMiningCapThatFails_failsTheRunAndWritesNothing() throws SQLException {
    long runs = count("SELECT COUNT(*) FROM " + PREFIX + "model_runs");
    long rules = count("SELECT COUNT(*) FROM " + PREFIX + "product_rules");
    AffinityOptions capped = AffinityOptions.defaults()
        .withMining(MiningOptions.builder().minSupport(0.001).maxItemsets(3, LimitPolicy.FAIL).build());
    assertThatThrownBy(() -> ci.models().refresh(ModelRunRequest.builder().backtest(false).affinity(capped).build()))
        .isInstanceOf(MiningLimitException.class)
        .hasMessageContaining("maxItemsets");
    assertThat(count("SELECT COUNT(*) FROM " + PREFIX + "model_runs")).isEqualTo(runs);
    assertThat(count("SELECT COUNT(*) FROM " + PREFIX + "product_rules")).isEqualTo(rules);
    assertThat(ci.models().active().orElseThrow().id()).isEqualTo(run.id());
    assertThatThrownBy(() -> AffinityOptions.defaults().withMinBaskets(0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minBaskets");
    assertThatThrownBy(() -> ModelRunRequest.builder().affinity(null))
        .isInstanceOf(NullPointerException.class).hasMessage("affinity");
  }
}

package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Published arules results on the Groceries data (9,835 baskets, 169 items); see data/affinity/README.md. Threshold:
 * count ≥ ceil(minsup × N), which for integer counts is the same as arules' {@code support ≥ minsup}.
 */
class GroceriesReferenceTest {
  private static final Path GROCERIES =
      Path.of(System.getProperty("custintel.dataDir", "../data"), "affinity", "groceries.csv");

  private static Baskets baskets;
  private static FrequentItemsets at0001;

  @BeforeAll
  static void mine() {
    baskets = Baskets.readBasketCsv(GROCERIES);
    at0001 = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.001).build());
  }

  @Test
  void dataMatchesArulesSummary() {
    assertThat(baskets.size()).isEqualTo(9835);
    assertThat(baskets.itemCount()).isEqualTo(169);
    int[] counts = baskets.itemCounts();
    assertThat(counts[baskets.itemId("whole milk").orElseThrow()]).isEqualTo(2513);
    assertThat(counts[baskets.itemId("yogurt").orElseThrow()]).isEqualTo(1372);
    long occurrences = 0;
    for (int c : counts) {
      occurrences += c;
    }
    assertThat(occurrences).isEqualTo(43367);
  }

  @Test
  void thresholdsAreCeilOfSupportTimesN() {
    // 0.001 × 9835 = 9.835 → 10; 0.005 × 9835 = 49.175 → 50; 0.006 × 9835 = 59.01 → 60.
    assertThat(at0001.minCount()).isEqualTo(10);
    assertThat(MiningOptions.builder().minSupport(0.005).build().minCountFor(9835)).isEqualTo(50);
    assertThat(MiningOptions.builder().minSupport(0.006).build().minCountFor(9835)).isEqualTo(60);
    // Rounding down instead (count ≥ 9) would change the published count.
    FrequentItemsets floor = FpGrowth.mine(baskets, MiningOptions.builder().minCount(9).build());
    assertThat(AssociationRules.generate(floor, RuleOptions.builder().minConfidence(0.8).build()).size())
        .isNotEqualTo(410);
  }

  @Test
  void support0001Confidence08() {
    AssociationRules rules = AssociationRules.generate(at0001, RuleOptions.builder().minConfidence(0.8).build());
    assertThat(rules.size()).isEqualTo(410);
    assertThat(rules.countsByLength()).containsExactly(0, 0, 0, 29, 229, 140, 12);
    AssociationRule top = rules.sortedByLift().get(0);
    assertThat(Set.copyOf(top.antecedentNames())).isEqualTo(Set.of("liquor", "red/blush wine"));
    assertThat(top.consequentNames()).containsExactly("bottled beer");
    assertThat(top.count()).isEqualTo(19);
    assertThat(top.support()).isCloseTo(0.001931876, within(5e-10));
    assertThat(top.confidence()).isCloseTo(0.9047619, within(5e-8));
    assertThat(top.lift()).isCloseTo(11.23527, within(5e-5));
    assertThat(rules.rules().stream().filter(r -> r.lift() > 5).count()).isEqualTo(32);
  }

  @Test
  void support0001Confidence05() {
    AssociationRules rules = AssociationRules.generate(at0001, RuleOptions.builder().minConfidence(0.5).build());
    assertThat(rules.size()).isEqualTo(5668);
    assertThat(rules.countsByLength()).containsExactly(0, 0, 11, 1461, 3211, 939, 46);
    List<AssociationRule> top = rules.sortedByLift();
    assertRule(top.get(0), Set.of("Instant food products", "soda"), "hamburger meat", 0.001220132, 0.6315789,
        18.99565);
    assertRule(top.get(1), Set.of("soda", "popcorn"), "salty snack", 0.001220132, 0.6315789, 16.69779);
    assertRule(top.get(2), Set.of("flour", "baking powder"), "sugar", 0.001016777, 0.5555556, 16.40807);
  }

  @Test
  void support0005Confidence05() {
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.005).build());
    assertThat(AssociationRules.generate(itemsets, RuleOptions.builder().minConfidence(0.5).build()).size())
        .isEqualTo(120);
  }

  @Test
  void support0006Confidence025MinLength2() {
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.006).build());
    AssociationRules rules = AssociationRules.generate(
        itemsets, RuleOptions.builder().minConfidence(0.25).minAntecedentLength(1).build());
    assertThat(rules.size()).isEqualTo(463);
    assertThat(rules.countsByLength()).containsExactly(0, 0, 150, 297, 16);
    assertRule(rules.sortedByLift().get(0), Set.of("herbs"), "root vegetables", 0.00701576, 0.43125, 3.956477);
  }

  @Test
  void eclatSupport002MinLength2() {
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minSupport(0.02).build());
    int[] byLength = itemsets.countsByLength();
    assertThat(byLength[2] + byLength[3]).isEqualTo(63);
    assertThat(byLength).hasSize(4);
  }

  private static void assertRule(
      AssociationRule rule, Set<String> lhs, String rhs, double support, double confidence, double lift) {
    assertThat(Set.copyOf(rule.antecedentNames())).isEqualTo(lhs);
    assertThat(rule.consequentNames()).containsExactly(rhs);
    assertThat(rule.support()).isCloseTo(support, within(5e-10));
    assertThat(rule.confidence()).isCloseTo(confidence, within(5e-8));
    assertThat(rule.lift()).isCloseTo(lift, within(5e-5));
  }
}

package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Required and forbidden items: the filtered rules are exactly the unfiltered rules the filter's definition keeps. */
class ItemFilterTest {
  private static final List<List<String>> BASKETS = List.of(
      List.of("tea", "teapot", "honey"),
      List.of("tea", "teapot"),
      List.of("tea", "honey", "lemon"),
      List.of("teapot", "cups", "tea"),
      List.of("cups", "saucers"),
      List.of("cups", "saucers", "teapot"),
      List.of("tea", "lemon"),
      List.of("honey", "lemon", "tea", "teapot"),
      List.of("saucers", "cups", "tea"),
      List.of("teapot", "tea", "cups", "saucers"));

  private static Baskets baskets() {
    Baskets.Builder b = Baskets.builder();
    BASKETS.forEach(b::add);
    return b.build();
  }

  private static RuleOptions.Builder wide() {
    return RuleOptions.builder().minConfidence(0).maxConsequentLength(3).minAntecedentLength(0);
  }

  private static List<AssociationRule> rules(RuleOptions options) {
    FrequentItemsets itemsets = FpGrowth.mine(baskets(), MiningOptions.builder().minCount(1).build());
    return AssociationRules.generate(itemsets, options).rules();
  }

  private static Predicate<AssociationRule> anyOf(boolean antecedent, Set<String> items) {
    return r -> !Collections.disjoint(antecedent ? r.antecedentNames() : r.consequentNames(), items);
  }

  @Test
  void eachConstraintKeepsExactlyTheRulesItsDefinitionKeeps() {
    List<AssociationRule> all = rules(wide().build());
    assertThat(all).hasSizeGreaterThan(100);

    Set<String> tea = Set.of("tea");
    Set<String> teapotOrCups = Set.of("teapot", "cups");
    assertThat(rules(wide().requireInConsequent(tea).build()))
        .isNotEmpty().containsExactlyElementsOf(all.stream().filter(anyOf(false, tea)).toList());
    assertThat(rules(wide().requireInAntecedent(teapotOrCups).build()))
        .isNotEmpty().containsExactlyElementsOf(all.stream().filter(anyOf(true, teapotOrCups)).toList());
    assertThat(rules(wide().forbidInAntecedent(tea).build()))
        .isNotEmpty().containsExactlyElementsOf(all.stream().filter(anyOf(true, tea).negate()).toList());
    assertThat(rules(wide().forbidInConsequent(teapotOrCups).build()))
        .isNotEmpty().containsExactlyElementsOf(all.stream().filter(anyOf(false, teapotOrCups).negate()).toList());
    assertThat(rules(wide().forbid(tea).build()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(Stream.concat(r.antecedentNames().stream(), r.consequentNames().stream()))
            .doesNotContain("tea"))
        .containsExactlyElementsOf(
            all.stream().filter(anyOf(true, tea).negate().and(anyOf(false, tea).negate())).toList());

    // Constraints combine with "and": tea on the right, teapot on the left, never lemon.
    assertThat(rules(wide().requireInConsequent(tea).requireInAntecedent(Set.of("teapot"))
            .forbid(Set.of("lemon")).build()))
        .isNotEmpty()
        .containsExactlyElementsOf(all.stream()
            .filter(anyOf(false, tea).and(anyOf(true, Set.of("teapot")))
                .and(anyOf(true, Set.of("lemon")).negate()).and(anyOf(false, Set.of("lemon")).negate()))
            .toList());
  }

  @Test
  void filtersDoNotChangeTheMeasuresOfTheRulesTheyKeep() {
    List<AssociationRule> all = rules(wide().build());
    for (AssociationRule kept : rules(wide().requireInConsequent(Set.of("honey")).build())) {
      AssociationRule same = all.get(all.indexOf(kept));
      assertThat(kept.count()).isEqualTo(same.count());
      assertThat(kept.lift()).isEqualTo(same.lift());
      assertThat(kept.confidence()).isEqualTo(same.confidence());
    }
  }

  @Test
  void anItemInNoBasketIsATypedErrorNamingTheConstraint() {
    assertThatThrownBy(() -> rules(wide().requireInConsequent(Set.of("teapots")).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("requiredInConsequent")
        .hasMessageContaining("teapots");
    assertThatThrownBy(() -> rules(wide().forbid(Set.of("Tea")).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("forbiddenInAntecedent")
        .hasMessageContaining("'Tea'");
  }

  @Test
  void anItemThatExistsButIsNotFrequentIsNotAnError() {
    FrequentItemsets itemsets = FpGrowth.mine(baskets(), MiningOptions.builder().minCount(5).build());
    RuleOptions options = wide().requireInConsequent(Set.of("lemon")).build();
    assertThat(AssociationRules.generate(itemsets, options).rules()).isEmpty();
  }

  @Test
  void noFilterIsNone() {
    assertThat(RuleOptions.builder().build().items().isNone()).isTrue();
    assertThat(ItemFilter.none().isNone()).isTrue();
    assertThat(wide().forbid(Set.of("x")).build().items().forbiddenInConsequent()).containsExactly("x");
  }
}

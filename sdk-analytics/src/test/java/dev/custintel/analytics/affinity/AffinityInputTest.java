package dev.custintel.analytics.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers, builder semantics, option validation and caps. */
class AffinityInputTest {
  private static final Path DATA = Path.of(System.getProperty("custintel.dataDir", "../data"), "affinity");

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static Baskets small() {
    return Baskets.builder()
        .add(List.of("a", "b", "c"))
        .add(List.of("a", "b"))
        .add(List.of("a", "c"))
        .add(List.of("b", "c"))
        .add(List.of("a", "b", "c"))
        .add(List.of())
        .build();
  }

  @Test
  void builderInternsDeduplicatesAndKeepsEmptyBaskets() {
    Baskets baskets = Baskets.builder().add(List.of("milk", "bread", "milk")).add(List.of()).add(List.of("bread"))
        .build();
    assertThat(baskets.size()).isEqualTo(3);
    assertThat(baskets.itemCount()).isEqualTo(2);
    assertThat(baskets.itemNames()).containsExactly("milk", "bread");
    assertThat(baskets.itemName(1)).isEqualTo("bread");
    assertThat(baskets.itemId("bread")).hasValue(1);
    assertThat(baskets.itemId("tea")).isEmpty();
    assertThat(baskets.basket(0)).containsExactly(0, 1);
    assertThat(baskets.basketSize(1)).isZero();
    assertThat(baskets.itemCounts()).containsExactly(1, 2);
    assertThatThrownBy(() -> baskets.itemName(2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Baskets.builder().add(List.of(" "))).isInstanceOf(InvalidInputException.class);
    // Empty baskets count in N: support of {bread} is 2/3.
    FrequentItemsets itemsets = FpGrowth.mine(baskets, MiningOptions.builder().minCount(1).build());
    assertThat(itemsets.transactionCount()).isEqualTo(3);
    assertThat(itemsets.countOf(1)).hasValue(2);
    assertThat(itemsets.support(itemsets.size() - 1)).isEqualTo(1.0 / 3);
  }

  @Test
  void readsBasketCsv() throws IOException {
    Baskets baskets = Baskets.readBasketCsv(write("b.csv", " milk , bread\n\nbread,,milk,bread\n"));
    assertThat(baskets.size()).isEqualTo(3);
    assertThat(baskets.itemNames()).containsExactly("milk", "bread");
    assertThat(baskets.basketSize(1)).isZero();
    assertThat(baskets.basket(2)).containsExactly(0, 1);
  }

  @Test
  void readsFimi() throws IOException {
    Baskets baskets = Baskets.readFimi(write("b.dat", "7 3 \n3\t7 7\n\n"));
    assertThat(baskets.size()).isEqualTo(3);
    assertThat(baskets.itemNames()).containsExactly("7", "3");
    assertThat(baskets.basket(1)).containsExactly(0, 1);
  }

  @Test
  void readsRetailDat() {
    Baskets retail = Baskets.readFimi(DATA.resolve("retail.dat"));
    assertThat(retail.size()).isEqualTo(88162);
    assertThat(retail.itemCount()).isEqualTo(16470);
  }

  @Test
  void rejectsBadFiles() throws IOException {
    Path bad = write("bad.dat", "1 2\n3 x\n");
    assertThatThrownBy(() -> Baskets.readFimi(bad)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2").hasMessageContaining("'x'");
    Path negative = write("neg.dat", "-1\n");
    assertThatThrownBy(() -> Baskets.readFimi(negative)).hasMessageContaining("line 1");
    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(() -> Baskets.readBasketCsv(missing)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.csv");
    Path empty = write("empty.csv", "");
    assertThatThrownBy(() -> Baskets.readBasketCsv(empty)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsBadOptions() {
    for (double s : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> MiningOptions.builder().minSupport(s)).isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("minSupport");
    }
    assertThatThrownBy(() -> new MiningOptions(2, 0, 1, 1, LimitPolicy.FAIL)).hasMessageContaining("minSupport");
    assertThatThrownBy(() -> new MiningOptions(0.5, 3, 1, 1, LimitPolicy.FAIL)).hasMessageContaining("minCount");
    assertThatThrownBy(() -> MiningOptions.builder().minCount(-1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minCount");
    assertThatThrownBy(() -> new MiningOptions(0, 0, 1, 1, LimitPolicy.FAIL)).hasMessageContaining("minCount");
    assertThatThrownBy(() -> MiningOptions.builder().maxLength(0).build()).hasMessageContaining("maxLength");
    assertThatThrownBy(() -> MiningOptions.builder().maxItemsets(0, LimitPolicy.FAIL).build())
        .hasMessageContaining("maxItemsets");
    for (double c : new double[] {-0.01, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> RuleOptions.builder().minConfidence(c).build())
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("minConfidence");
    }
    assertThatThrownBy(() -> RuleOptions.builder().minLift(-1).build()).hasMessageContaining("minLift");
    assertThatThrownBy(() -> RuleOptions.builder().minAntecedentLength(-1).build())
        .hasMessageContaining("minAntecedentLength");
    assertThatThrownBy(() -> RuleOptions.builder().maxAntecedentLength(0).build())
        .hasMessageContaining("maxAntecedentLength");
    assertThatThrownBy(() -> RuleOptions.builder().maxConsequentLength(0).build())
        .hasMessageContaining("maxConsequentLength");
    assertThatThrownBy(() -> RuleOptions.builder().maxRules(0, LimitPolicy.FAIL).build())
        .hasMessageContaining("maxRules");
  }

  @Test
  void itemsetCapFailsOrTruncates() {
    Baskets baskets = small();
    assertThat(FpGrowth.mine(baskets, MiningOptions.builder().minCount(1).build()).size()).isEqualTo(7);
    assertThatThrownBy(() -> FpGrowth.mine(baskets, MiningOptions.builder().minCount(1)
        .maxItemsets(5, LimitPolicy.FAIL).build()))
        .isInstanceOf(MiningLimitException.class)
        .satisfies(e -> {
          assertThat(((MiningLimitException) e).limit()).isEqualTo("maxItemsets");
          assertThat(((MiningLimitException) e).value()).isEqualTo(5);
        });
    FrequentItemsets truncated = FpGrowth.mine(baskets, MiningOptions.builder().minCount(1)
        .maxItemsets(5, LimitPolicy.TRUNCATE).build());
    assertThat(truncated.truncated()).isTrue();
    assertThat(truncated.size()).isEqualTo(5);
    AssociationRules fromTruncated = AssociationRules.generate(truncated, RuleOptions.builder().minConfidence(0)
        .build());
    assertThat(fromTruncated.truncated()).isTrue();
  }

  @Test
  void ruleCapFailsOrTruncatesAndMeasuresAreExposed() {
    FrequentItemsets itemsets = FpGrowth.mine(small(), MiningOptions.builder().minCount(1).build());
    assertThat(itemsets.countsByLength()).containsExactly(0, 3, 3, 1);
    assertThat(itemsets.names(6)).containsExactly("a", "b", "c");
    assertThat(itemsets.length(6)).isEqualTo(3);
    RuleOptions all = RuleOptions.builder().minConfidence(0).maxConsequentLength(2).build();
    AssociationRules rules = AssociationRules.generate(itemsets, all);
    assertThat(rules.size()).isEqualTo(12);
    assertThat(rules.truncated()).isFalse();
    assertThat(rules.transactionCount()).isEqualTo(6);
    assertThatThrownBy(() -> AssociationRules.generate(itemsets, RuleOptions.builder().minConfidence(0)
        .maxRules(3, LimitPolicy.FAIL).build())).isInstanceOf(MiningLimitException.class);
    AssociationRules capped = AssociationRules.generate(itemsets, RuleOptions.builder().minConfidence(0)
        .maxRules(3, LimitPolicy.TRUNCATE).build());
    assertThat(capped.truncated()).isTrue();
    assertThat(capped.size()).isEqualTo(3);

    // {a, b} ⇒ {c}: count 2, supp(ab) = 3/6, supp(c) = 4/6.
    AssociationRule rule = rules.rules().stream()
        .filter(r -> r.antecedentNames().equals(List.of("a", "b")) && r.consequentNames().equals(List.of("c")))
        .findFirst().orElseThrow();
    assertThat(rule.count()).isEqualTo(2);
    assertThat(rule.support()).isEqualTo(2.0 / 6);
    assertThat(rule.antecedentSupport()).isEqualTo(3.0 / 6);
    assertThat(rule.consequentSupport()).isEqualTo(4.0 / 6);
    assertThat(rule.confidence()).isEqualTo(2.0 / 3);
    assertThat(rule.lift()).isEqualTo((2.0 / 3) / (4.0 / 6));
    assertThat(rule.leverage()).isEqualTo(2.0 / 6 - 3.0 / 6 * 4.0 / 6);
    assertThat(rule.conviction()).isCloseTo((1 - 4.0 / 6) / (1 - 2.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(rule.antecedent()).containsExactly(0, 1);
    assertThat(rule.consequent()).containsExactly(2);
    assertThat(rule.length()).isEqualTo(3);
    assertThat(rule.toString()).startsWith("{a, b} => {c}");
    assertThat(rule).isEqualTo(rule).isNotEqualTo(rules.rules().get(0)).hasSameHashCodeAs(rule);

    // Confidence 1 gives infinite conviction; an empty antecedent is allowed with minAntecedentLength 0.
    Baskets sure = Baskets.builder().add(List.of("x", "y")).add(List.of("x", "y")).add(List.of("y")).build();
    FrequentItemsets sureSets = FpGrowth.mine(sure, MiningOptions.builder().minSupport(0.5).maxLength(2).build());
    AssociationRules sureRules = AssociationRules.generate(sureSets, RuleOptions.builder().minConfidence(0.6)
        .minAntecedentLength(0).maxAntecedentLength(1).build());
    assertThat(sureRules.rules()).extracting(AssociationRule::toString)
        .anySatisfy(s -> assertThat(s).startsWith("{} => {y}"));
    AssociationRule xy = sureRules.rules().stream().filter(r -> r.antecedentNames().equals(List.of("x")))
        .findFirst().orElseThrow();
    assertThat(xy.conviction()).isEqualTo(Double.POSITIVE_INFINITY);
  }
}

package dev.custintel.benchmarks;

import dev.custintel.analytics.affinity.AssociationRules;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.MiningOptions;
import dev.custintel.analytics.affinity.RuleOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Market-basket analysis end to end on Groceries (arules' data set, 9,835 baskets, baskets read in setup): mine at
 * support 0.001, then generate the rules of confidence at least 0.5 with one item in the consequent (arules'
 * {@code apriori} defaults otherwise). The published answer is 5,668 rules; the setup line checks it. Warm, average
 * time in milliseconds.
 */
@State(Scope.Benchmark)
public class AffinityRulesBenchmark extends AverageTimeBenchmark {
  private static final String FILE = "groceries.csv";
  private static final double SUPPORT = 0.001;

  private Baskets baskets;
  private MiningOptions mining;
  private RuleOptions rules;

  /** Reads the baskets and runs once, to print and check what a call finds. */
  @Setup(Level.Trial)
  public void setUp() {
    baskets = AffinityData.load(FILE);
    mining = MiningOptions.builder().minSupport(SUPPORT).build();
    rules = RuleOptions.builder().minConfidence(0.5).maxConsequentLength(1).build();
    AssociationRules found = groceriesRules();
    if (found.size() != 5668) {
      throw new IllegalStateException("expected arules' 5,668 rules, found " + found.size());
    }
    System.out.printf("%n[setup] %s; %,d rules (confidence >= 0.5, 1-item consequent)%n",
        AffinityData.describe(FILE, SUPPORT, baskets, FpGrowth.mine(baskets, mining)), found.size());
  }

  /** @return the rules */
  @Benchmark
  public AssociationRules groceriesRules() {
    return AssociationRules.generate(FpGrowth.mine(baskets, mining), rules);
  }
}

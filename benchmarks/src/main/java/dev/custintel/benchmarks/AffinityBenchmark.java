package dev.custintel.benchmarks;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.MiningOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frequent-itemset mining ({@link FpGrowth#mine}) on the FIMI and arules reference data of {@code data/affinity/}:
 * the baskets are read in setup, each call mines them from scratch (ranking, FP-tree, mining, the sorted result).
 * Warm, average time in milliseconds. Default options apart from the support (no length limit; the cap of 1,000,000
 * itemsets is not reached). The setup line of each trial gives the itemset counts, to compare with other miners.
 *
 * <p>The targets (2 cores): retail at 0.05% at most 250 ms, groceries at 0.1% at most 15 ms.
 */
@State(Scope.Benchmark)
public class AffinityBenchmark extends AverageTimeBenchmark {
  /** The data file under {@code data/affinity/} and the minimum support (a fraction), {@code file@support}. */
  @Param({"retail.dat@0.001", "retail.dat@0.0005", "groceries.csv@0.001", "T10I4D100K.dat@0.001", "chess.dat@0.8"})
  public String data;

  private Baskets baskets;
  private MiningOptions options;

  /** Reads the baskets and mines once, to print what a call finds. */
  @Setup(Level.Trial)
  public void setUp() {
    AffinityData.Case c = AffinityData.Case.parse(data);
    baskets = AffinityData.load(c.file());
    options = MiningOptions.builder().minSupport(c.minSupport()).build();
    System.out.printf("%n[setup] %s%n", AffinityData.describe(c.file(), c.minSupport(), baskets, mine()));
  }

  /** @return the frequent itemsets */
  @Benchmark
  public FrequentItemsets mine() {
    return FpGrowth.mine(baskets, options);
  }
}

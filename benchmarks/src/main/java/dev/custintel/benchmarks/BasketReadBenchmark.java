package dev.custintel.benchmarks;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.MiningOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading basket files ({@link Baskets#readFimi}, {@link Baskets#readBasketCsv}) from {@code data/affinity/}, alone
 * and followed by mining ({@link FpGrowth#mine}), with the byte-level readers ({@code reader = bytes}) and with the
 * former line-and-regex readers ({@link LegacyBasketReaders}, {@code reader = legacy}) for a paired before and after.
 * Warm, average time in milliseconds; the file is in the page cache after the first call.
 *
 * <p>The target (2 cores): reading retail.dat at most 50 ms.
 */
@State(Scope.Benchmark)
public class BasketReadBenchmark extends AverageTimeBenchmark {
  /** The data file under {@code data/affinity/} and the minimum support of {@link #readAndMine}. */
  @Param({"retail.dat@0.0005", "groceries.csv@0.001"})
  public String data;

  /** {@code bytes}: {@link Baskets}' readers; {@code legacy}: the former ones. */
  @Param({"bytes", "legacy"})
  public String reader;

  private Path file;
  private MiningOptions options;

  /** Finds the file, reads it with both readers and checks that they agree. */
  @Setup(Level.Trial)
  public void setUp() {
    AffinityData.Case c = AffinityData.Case.parse(data);
    file = Path.of(System.getProperty("custintel.dataDir", "data"), "affinity", c.file());
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Cannot find " + file + " (run from the repository root, or set "
          + "-Dcustintel.dataDir)");
    }
    if (!"bytes".equals(reader) && !"legacy".equals(reader)) {
      throw new IllegalArgumentException("reader must be bytes or legacy (was '" + reader + "')");
    }
    options = MiningOptions.builder().minSupport(c.minSupport()).build();
    Baskets baskets = read();
    Baskets other = csv() ? LegacyBasketReaders.readBasketCsv(file) : LegacyBasketReaders.readFimi(file);
    if (!baskets.itemNames().equals(other.itemNames()) || baskets.size() != other.size()) {
      throw new IllegalStateException("the readers disagree on " + file);
    }
    System.out.printf("%n[setup] %s (%s reader)%n",
        AffinityData.describe(c.file(), c.minSupport(), baskets, FpGrowth.mine(baskets, options)), reader);
  }

  private boolean csv() {
    return file.getFileName().toString().endsWith(".csv");
  }

  /** @return the baskets of the file */
  @Benchmark
  public Baskets read() {
    if ("bytes".equals(reader)) {
      return csv() ? Baskets.readBasketCsv(file) : Baskets.readFimi(file);
    }
    return csv() ? LegacyBasketReaders.readBasketCsv(file) : LegacyBasketReaders.readFimi(file);
  }

  /** @return the frequent itemsets of the file's baskets, read in the call */
  @Benchmark
  public FrequentItemsets readAndMine() {
    return FpGrowth.mine(read(), options);
  }
}

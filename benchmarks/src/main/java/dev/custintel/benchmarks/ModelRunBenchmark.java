package dev.custintel.benchmarks;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.store.CustintelStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole model run, {@code ci.models().refresh()}, on a generated shop of {@link #customers} customers (about ten
 * orders each) in the database: SQL summaries, holdout backtest, fits, scores, product-affinity mining of every
 * order and the transactional write of every score and rule, then activation. Single shots, seconds; the trial's setup generates and ingests the shop first.
 */
@State(Scope.Benchmark)
public class ModelRunBenchmark extends SingleShotBenchmark {
  /** The database: {@code postgresql} (local server, fresh schema) or {@code h2} (in memory). */
  @Param({"h2", "postgresql"})
  public String database;

  /** Customers in the generated shop. */
  @Param({"100000"})
  public int customers;

  private BenchDatabase db;
  private CustomerIntelligence ci;
  private ModelRun last;

  /** Generates and ingests the shop. */
  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.create(database);
    CustintelStore store = db.configure(CustintelStore.builder()).clock(ShopData.CLOCK).build();
    ShopData.Population p = ShopData.populate(store, customers, 2_000, 0);
    store.close();
    ci = configure(CustomerIntelligence.builder()).clock(ShopData.CLOCK).build();
    System.out.printf("%n[setup] %s: %,d customers, %,d orders ingested in %.1f s%n", database,
        p.shop().customers(), p.shop().orders(), p.seconds());
  }

  private CustomerIntelligence.Builder configure(CustomerIntelligence.Builder builder) {
    return builder.jdbcUrl(db.url());
  }

  /** @return the new, active run */
  @Benchmark
  public ModelRun refresh() {
    last = ci.models().refresh();
    ci.models().prune(1);
    return last;
  }

  /** Prints the last run's phases, and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (last != null) {
      System.out.printf("%n[run] %,d customers scored, phases %s, AUC %s, affinity %s%n", last.data().customers(),
          last.timing().phases(), last.quality().backtest() == null
              ? last.quality().backtestSkipped() : last.quality().backtest().churnAuc(),
          last.affinity() == null ? "none" : String.format("%,d baskets, %,d products, %,d itemsets, %,d rules",
              last.affinity().baskets(), last.affinity().products(), last.affinity().frequentItemsets(),
              last.affinity().rules()));
    }
    ci.close();
    db.close();
  }
}

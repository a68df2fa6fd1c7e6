package dev.custintel.benchmarks;

import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.store.CustintelStore;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of {@code customers().profile(id)}, from the profile cache and from the database.
 *
 * <p>Each trial fills a fresh database (in-memory H2, or a new PostgreSQL schema) with a generated shop of
 * {@link #customers} customers (seed 42, about 10 orders each), then opens two stores on the same tables: one with
 * the profile cache on, one with it off ({@code profileCache(0, ...)}).
 *
 * <ul>
 *   <li>{@link #cached}: a random customer of a hot set of {@value #HOT_SET}, all loaded into the cache before
 *       measuring: the cost of a cache hit (id check, metrics timer, Caffeine lookup);
 *   <li>{@link #uncached}: a random customer of all of them, read from the database each time (one connection
 *       from the pool, the profile queries, mapping).
 * </ul>
 *
 * {@code SampleTime}: JMH reports percentiles (p0.50, p0.99...) of single calls, in microseconds.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class ProfileLookupBenchmark {
  /** Customers in the cached benchmark's hot set. */
  static final int HOT_SET = 256;

  /** The database: {@code h2} (in memory) or {@code postgresql} (local server, fresh schema). */
  @Param({"h2", "postgresql"})
  public String database;

  /** Customers generated into the store. */
  @Param({"20000"})
  public int customers;

  private BenchDatabase db;
  private CustintelStore cachedStore;
  private CustintelStore uncachedStore;
  private String[] allIds;
  private String[] hotIds;

  /** Fills the database and warms the cache with the hot set. */
  @Setup(Level.Trial)
  public void setUp() {
    Trials.setUpOrTearDown(this::fill, this::tearDown);
  }

  private void fill() {
    db = BenchDatabase.create(database);
    cachedStore = db.configure(CustintelStore.builder())
        .clock(ShopData.CLOCK)
        .profileCache(10_000, Duration.ofHours(1))
        .build();
    ShopData.Population population = ShopData.populate(cachedStore, customers, 2_000, 0);
    System.out.printf("%n[setup] %s: %,d customers, %,d orders, %,d purchase lines ingested in %.1f s%n", database,
        population.shop().customers(), population.shop().orders() + population.shop().returns(),
        population.shop().orderLines(), population.seconds());
    uncachedStore = db.configure(CustintelStore.builder())
        .clock(ShopData.CLOCK)
        .profileCache(0, Duration.ofMinutes(1))
        .build();

    List<String> ids = population.customerIds();
    allIds = ids.toArray(String[]::new);
    SplittableRandom random = new SplittableRandom(ShopData.SEED);
    hotIds = new String[Math.min(HOT_SET, allIds.length)];
    // A partial Fisher-Yates shuffle: distinct random customers.
    String[] shuffled = allIds.clone();
    for (int i = 0; i < hotIds.length; i++) {
      int j = i + random.nextInt(shuffled.length - i);
      String tmp = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = tmp;
      hotIds[i] = shuffled[i];
    }
    for (String id : hotIds) {
      cachedStore.customers().profile(id);
    }
  }

  /** Closes the stores and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (uncachedStore != null) {
      uncachedStore.close();
    }
    if (cachedStore != null) {
      cachedStore.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** A per-thread random source, so that threads do not contend on it. */
  @State(Scope.Thread)
  public static class Picker {
    private SplittableRandom random;

    /** Seeds the thread's generator. */
    @Setup(Level.Trial)
    public void setUp() {
      random = new SplittableRandom(ShopData.SEED ^ Thread.currentThread().getId());
    }

    int next(int bound) {
      return random.nextInt(bound);
    }
  }

  /**
   * @param picker the thread's random source
   * @return the profile of a hot customer, served by the cache
   */
  @Benchmark
  public CustomerProfile cached(Picker picker) {
    return cachedStore.customers().profile(hotIds[picker.next(hotIds.length)]);
  }

  /**
   * @param picker the thread's random source
   * @return the profile of any customer, read from the database
   */
  @Benchmark
  public CustomerProfile uncached(Picker picker) {
    return uncachedStore.customers().profile(allIds[picker.next(allIds.length)]);
  }
}

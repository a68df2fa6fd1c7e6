package dev.custintel.benchmarks;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.segments.CustomerSegment;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentReport;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.store.CustintelStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * RFM segments on a generated shop of {@link #customers} customers (about ten orders each: some 1,010,000 orders for
 * 100,000), cache warm: the whole report ({@code ci.segments().report}, every customer ranked on three scores by the
 * database) and one customer's segment ({@code ci.segments().customer}, which counts the worse customers instead).
 */
@State(Scope.Benchmark)
public class SegmentsBenchmark extends AverageTimeBenchmark {
  /** The database: {@code postgresql} (local server, fresh schema) or {@code h2} (in memory). */
  @Param({"postgresql", "h2"})
  public String database;

  /** Customers in the generated shop. */
  @Param({"100000"})
  public int customers;

  private BenchDatabase db;
  private CustomerIntelligence ci;
  private SegmentReport last;
  private List<String> ids;
  private int next;

  /** Generates and ingests the shop. */
  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.create(database);
    CustintelStore store = db.configure(CustintelStore.builder()).clock(ShopData.CLOCK).build();
    ShopData.Population p = ShopData.populate(store, customers, 2_000, 0);
    ids = p.customerIds();
    store.close();
    ci = CustomerIntelligence.builder().jdbcUrl(db.url()).clock(ShopData.CLOCK).build();
    System.out.printf("%n[setup] %s: %,d customers, %,d orders ingested in %.1f s%n", database,
        p.shop().customers(), p.shop().orders(), p.seconds());
  }

  /** @return every segment of the RF grid */
  @Benchmark
  public SegmentReport report() {
    last = ci.segments().report(SegmentRequest.of(SegmentPreset.rfGrid()));
    return last;
  }

  /** @return one customer's scores and segment, a different customer each call */
  @Benchmark
  public @Nullable CustomerSegment oneCustomer() {
    next = (next + 7_919) % ids.size();
    try {
      return ci.segments().customer(ids.get(next), SegmentRequest.of(SegmentPreset.rfGrid()));
    } catch (NotFoundException e) { // a generated customer without a purchase
      return null;
    }
  }

  /** Prints the report's size, and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (last != null) {
      System.out.printf("%n[segments] %,d customers, champions %,d%n", last.customers(),
          last.segment("champions").customers());
    }
    ci.close();
    db.close();
  }
}

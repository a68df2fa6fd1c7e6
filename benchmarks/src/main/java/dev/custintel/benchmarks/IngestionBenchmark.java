package dev.custintel.benchmarks;

import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.model.Order;
import dev.custintel.core.store.CustintelStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code ingestion().ingest(batch)}: batches of {@link #ordersPerBatch} orders (about 1.95 lines
 * each) per second, and with {@link Rows} the order lines and orders per second.
 *
 * <p>Each trial fills a fresh database with a generated shop of {@link #baseCustomers} customers (seed 42, about
 * 10 orders each), keeping the order lists of its first {@value #TEMPLATES} batches as templates.
 *
 * <ul>
 *   <li>{@link #ingestNew}: every invocation sends a template's orders under new order ids ({@code
 *       N0000001-O-...}, increasing), so every order is inserted: the steady state of a shop sending its new
 *       orders. Customers and products already exist: they are looked up, not written. The batch is built in an
 *       invocation-level setup, outside the measured time (an invocation takes tens of milliseconds).
 *   <li>{@link #ingestNew2Threads}: the same with two threads sending batches at once (each its own batch and
 *       connection): whether concurrent batches add throughput on this machine.
 *   <li>{@link #resendUnchanged}: re-sends a batch that was ingested during setup: every order is recognised as
 *       unchanged by its content hash and nothing is written (the idempotent path, as when a host retries).
 * </ul>
 *
 * The orders table grows during {@code ingestNew} (by about a million lines per 10 s at 100k lines/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class IngestionBenchmark {
  /** Template batches kept from the population. */
  static final int TEMPLATES = 16;

  /** The database: {@code postgresql} (local server, fresh schema) or {@code h2} (in memory). */
  @Param({"postgresql", "h2"})
  public String database;

  /** Orders per ingested batch. */
  @Param({"2000"})
  public int ordersPerBatch;

  /** Customers of the shop generated before measuring (the existing data). */
  @Param({"10000"})
  public int baseCustomers;

  private BenchDatabase db;
  private CustintelStore store;
  private List<List<Order>> templates;
  private IngestBatch resend;
  private int resendLines;
  private final AtomicLong sequence = new AtomicLong();

  /** Fills the database and keeps the templates. */
  @Setup(Level.Trial)
  public void setUp() {
    Trials.setUpOrTearDown(this::fill, this::tearDown);
  }

  private void fill() {
    db = BenchDatabase.create(database);
    store = db.configure(CustintelStore.builder()).clock(ShopData.CLOCK).build();
    ShopData.Population population = ShopData.populate(store, baseCustomers, ordersPerBatch, TEMPLATES);
    templates = population.orderBatches();
    System.out.printf(
        "%n[setup] %s: %,d customers, %,d orders, %,d purchase lines ingested in %.1f s (%,.0f lines/s)%n",
        database, population.shop().customers(), population.shop().orders() + population.shop().returns(),
        population.shop().orderLines(), population.seconds(), population.shop().orderLines() / population.seconds());
    resend = IngestBatch.ofOrders(templates.get(0));
    resendLines = ShopData.lines(templates.get(0));
    IngestResult check = store.ingestion().ingest(resend);
    if (check.ordersUnchanged() != resend.orders().size()) {
      throw new IllegalStateException("re-sent batch was not recognised as unchanged: " + check);
    }
  }

  /** Closes the store and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** A batch of new orders, built before each invocation, one per thread. */
  @State(Scope.Thread)
  public static class NewBatch {
    IngestBatch batch;
    int lines;

    /**
     * Builds the next batch of new orders (not measured).
     *
     * @param bench the benchmark state with the templates
     */
    @Setup(Level.Invocation)
    public void next(IngestionBenchmark bench) {
      long seq = bench.sequence.incrementAndGet();
      List<Order> template = bench.templates.get((int) (seq % bench.templates.size()));
      String prefix = newPrefix(seq);
      List<Order> orders = new ArrayList<>(template.size());
      int n = 0;
      for (Order o : template) {
        orders.add(new Order(prefix + o.id(), o.customerId(), o.placedAt(), o.currency(), o.kind(), o.lines()));
        n += o.lines().size();
      }
      batch = IngestBatch.ofOrders(orders);
      lines = n;
    }
  }

  private static String newPrefix(long seq) {
    String digits = Long.toString(seq);
    StringBuilder s = new StringBuilder(9 + digits.length()).append('N');
    for (int i = digits.length(); i < 7; i++) {
      s.append('0');
    }
    return s.append(digits).append('-').toString();
  }

  /**
   * Order lines and orders handled, reported by JMH as rates (per second) beside the batch rate.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rows {
    /** Order lines ingested (or re-sent). */
    public long lines;

    /** Orders ingested (or re-sent). */
    public long orders;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      lines = 0;
      orders = 0;
    }
  }

  /**
   * @param next the batch of new orders
   * @param rows counters
   * @return what was written
   */
  @Benchmark
  public IngestResult ingestNew(NewBatch next, Rows rows) {
    return ingest(next, rows);
  }

  /**
   * @param next this thread's batch of new orders
   * @param rows this thread's counters (JMH adds up the threads)
   * @return what was written
   */
  @Benchmark
  @Threads(2)
  public IngestResult ingestNew2Threads(NewBatch next, Rows rows) {
    return ingest(next, rows);
  }

  private IngestResult ingest(NewBatch next, Rows rows) {
    IngestResult r = store.ingestion().ingest(next.batch);
    if (r.ordersInserted() != next.batch.orders().size()) {
      throw new IllegalStateException("expected only new orders: " + r);
    }
    rows.lines += next.lines;
    rows.orders += r.ordersInserted();
    return r;
  }

  /**
   * @param rows counters
   * @return what was written (nothing)
   */
  @Benchmark
  public IngestResult resendUnchanged(Rows rows) {
    IngestResult r = store.ingestion().ingest(resend);
    rows.lines += resendLines;
    rows.orders += r.ordersUnchanged();
    return r;
  }
}

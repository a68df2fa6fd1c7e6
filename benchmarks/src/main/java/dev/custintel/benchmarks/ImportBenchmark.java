package dev.custintel.benchmarks;

import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.store.CustintelStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * End-to-end import throughput: {@code ingestion().importFile(...)} of a generated orders CSV (the generic layout)
 * into empty tables, lenient mode, batches of 2,000 orders, with {@link #writers} batches written concurrently
 * while the file is read. Each invocation imports the whole file into a fresh set of tables (a new table prefix
 * in the same database), so every order is inserted; the measured call ends with closing the store, which waits
 * for (or runs) the store's last analysis of the order tables. Reported: imports per second, and through
 * {@link IngestionBenchmark.Rows} the
 * order lines (CSV rows) and orders per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ImportBenchmark {
  /** The database: {@code postgresql} (local server, fresh schema) or {@code h2} (in memory). */
  @Param({"postgresql"})
  public String database;

  /** Batches written concurrently. */
  @Param({"1", "2"})
  public int writers;

  /**
   * Whether the import commits asynchronously ({@code ImportOptions.withAsynchronousCommit}, opt-in; PostgreSQL's
   * {@code synchronous_commit = off} per import transaction).
   */
  @Param({"false"})
  public boolean asynchronousCommit;

  /** Customers of the generated shop written to the CSV (about 10 orders and 20 lines each). */
  @Param({"10000"})
  public int customers;

  private BenchDatabase db;
  private Path file;
  private long fileLines;
  private long fileOrders;
  private final AtomicLong prefixes = new AtomicLong();
  private CustintelStore store;

  /** Writes the CSV and opens the database. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    db = BenchDatabase.create(database);
    file = Files.createTempFile("custintel-import-bench", ".csv");
    ShopGenerator gen = ShopGenerator.builder().seed(ShopData.SEED).customers(customers).build();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("order_id,customer_id,placed_at,product_id,quantity,line_amount,currency,kind\n");
      gen.generate(2_000, batch -> {
        for (Order o : batch.orders()) {
          fileOrders++;
          for (OrderLine l : o.lines()) {
            fileLines++;
            try {
              w.write(o.id() + "," + o.customerId() + "," + o.placedAt() + "," + l.productId() + ","
                  + l.quantity() + "," + l.amount().toPlainString() + "," + o.currency().getCurrencyCode() + ","
                  + o.kind().name().toLowerCase(java.util.Locale.ROOT) + "\n");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      });
    }
    System.out.printf("%n[setup] %s: CSV of %,d orders, %,d rows (%,d bytes)%n", database, fileOrders, fileLines,
        Files.size(file));
  }

  /** Fresh, empty tables for each import (a new table prefix). */
  @Setup(Level.Invocation)
  public void freshTables() {
    store = db.configure(CustintelStore.builder()).tablePrefix("imp" + prefixes.incrementAndGet() + "_")
        .clock(ShopData.CLOCK).build();
  }

  /** Closes the invocation's store if the import failed before closing it. */
  @TearDown(Level.Invocation)
  public void closeStore() {
    store.close();
  }

  /** Drops the database and the CSV. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    Files.deleteIfExists(file);
  }

  /**
   * @param rows counters
   * @return the report (consumed by JMH)
   */
  @Benchmark
  public ImportReport importOrdersCsv(IngestionBenchmark.Rows rows) {
    ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withWriters(writers).withAsynchronousCommit(asynchronousCommit));
    if (report.ordersWritten() != fileOrders || report.rowsRead() != fileLines) {
      throw new IllegalStateException("import wrote " + report.ordersWritten() + " of " + fileOrders + " orders");
    }
    // Closing is measured too: it runs an analysis of the order tables that is waiting for its pause
    // (PlannerStatistics), work that the import itself did before the pause existed.
    store.close();
    rows.lines += report.rowsRead();
    rows.orders += report.ordersWritten();
    return report;
  }
}

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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a CSV import into PostgreSQL costs in CPU, which, unlike its wall time, does not depend on what else the
 * machine is running: the file and import of {@link ImportBenchmark} (10,000 customers, lenient, batches of 2,000),
 * each round into fresh tables, reporting the wall time of the import and of closing the store (which waits for,
 * or runs, its last analysis of the order tables), the JVM's CPU time (every thread: reading, writers, JIT, GC)
 * and the CPU time of the whole PostgreSQL server meanwhile (read from {@code /proc}, so the server must run on
 * this machine, and should have no other clients). Usage, with the benchmarks jar:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.custintel.benchmarks.ImportCpuDriver [rounds] [writers] [async]
 * </pre>
 *
 * <p>{@code async} ({@code true}/{@code false}, default false) sets {@code ImportOptions.withAsynchronousCommit}
 * (called by reflection, so that the driver also runs against builds from before that option). Not a JMH
 * benchmark: the first round includes warm-up; compare the later ones.
 */
public final class ImportCpuDriver {
  private static final String APPLICATION = "custintel-import-cpu";

  private ImportCpuDriver() {}

  /**
   * @param args rounds (default 5), writers (default 2), asynchronous commit (default false)
   * @throws Exception if the import or a measurement fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    boolean async = args.length > 2 && Boolean.parseBoolean(args[2]);
    String base = System.getProperty(BenchDatabase.POSTGRES_URL_PROPERTY, BenchDatabase.DEFAULT_POSTGRES_URL);
    System.setProperty(BenchDatabase.POSTGRES_URL_PROPERTY,
        base + (base.contains("?") ? "&" : "?") + "ApplicationName=" + APPLICATION);
    Path file = Files.createTempFile("custintel-import-cpu", ".csv");
    long lines = writeCsv(file);
    ImportOptions options = ImportOptions.defaults().withWriters(writers);
    if (async) {
      options = (ImportOptions) ImportOptions.class.getMethod("withAsynchronousCommit", boolean.class)
          .invoke(options, true);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(Locale.ROOT, "# %d lines, writers %d, asynchronous commit %s%n", lines, writers, async);
    System.out.println("round  wall_s  lines_per_s  jvm_cpu_s  pg_cpu_s  lines_per_cpu_s  load1");
    try (BenchDatabase db = BenchDatabase.create("postgresql")) {
      for (int round = 1; round <= rounds; round++) {
        CustintelStore store = db.configure(CustintelStore.builder()).tablePrefix("cpu" + round + "_")
            .clock(ShopData.CLOCK).build();
        long pgBefore = serverTicks(base);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ImportReport report;
        try {
          report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);
        } finally {
          store.close(); // measured: it waits for, or runs, the store's last analysis of the order tables
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        Thread.sleep(500); // the closed connections' backends exit and are reaped: their ticks move to the postmaster
        long pgTicks = serverTicks(base) - pgBefore;
        if (report.rowsRead() != lines) {
          throw new IllegalStateException("read " + report.rowsRead() + " of " + lines + " lines");
        }
        double wallS = wall / 1e9;
        double jvmS = cpu / 1e9;
        double pgS = pgTicks / 100.0; // USER_HZ
        System.out.printf(Locale.ROOT, "%5d  %6.2f  %11.0f  %9.2f  %8.2f  %15.0f  %5.2f%n", round, wallS,
            lines / wallS, jvmS, pgS, lines / (jvmS + pgS), os.getSystemLoadAverage());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * @return the CPU ticks (user + system) of the whole PostgreSQL server so far: the postmaster's own and those of
   *     its children that have exited (which it has reaped), plus each running child's (backends, the WAL writer,
   *     the checkpointer...). A backend that exits between two readings keeps its ticks in the sum, so the
   *     difference covers the store's connections after the store closed them. It also counts what other clients
   *     of the server did meanwhile: run it on a quiet server.
   */
  private static long serverTicks(String url) throws SQLException, IOException {
    long[] own;
    long[] main;
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      int backend = rs.getInt(1);
      own = stat(Path.of("/proc/" + backend + "/stat"));
      if (own == null) {
        throw new IllegalStateException("no /proc entry for PostgreSQL backend " + backend + ": is it local?");
      }
      main = stat(Path.of("/proc/" + own[0] + "/stat"));
      if (main == null) {
        throw new IllegalStateException("no /proc entry for the postmaster " + own[0]);
      }
    }
    long postmaster = own[0];
    long ticks = main[1] + main[2];
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : processes) {
        long[] child = stat(p.resolve("stat"));
        if (child != null && child[0] == postmaster) {
          ticks += child[1];
        }
      }
    }
    return ticks;
  }

  /**
   * @return the parent pid, utime + stime, and cutime + cstime of a process, or null if it has gone
   */
  private static long @Nullable [] stat(Path stat) {
    String s;
    try {
      s = Files.readString(stat);
    } catch (IOException e) { // gone, or exiting while read
      return null;
    }
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" "); // f[0] is field 3 (state)
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[13]) + Long.parseLong(f[14])};
  }

  private static long writeCsv(Path file) throws IOException {
    long[] lines = {0};
    ShopGenerator gen = ShopGenerator.builder().seed(ShopData.SEED).customers(10_000).build();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("order_id,customer_id,placed_at,product_id,quantity,line_amount,currency,kind\n");
      gen.generate(2_000, batch -> {
        for (Order o : batch.orders()) {
          for (OrderLine l : o.lines()) {
            lines[0]++;
            try {
              w.write(o.id() + "," + o.customerId() + "," + o.placedAt() + "," + l.productId() + ","
                  + l.quantity() + "," + l.amount().toPlainString() + "," + o.currency().getCurrencyCode() + ","
                  + o.kind().name().toLowerCase(Locale.ROOT) + "\n");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      });
    }
    return lines[0];
  }
}

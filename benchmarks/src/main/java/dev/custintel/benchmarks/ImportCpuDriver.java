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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a CSV import into PostgreSQL costs in CPU, which, unlike its wall time, does not depend on what else the
 * machine is running: the file and import of {@link ImportBenchmark} (10,000 customers, lenient, batches of 2,000),
 * each round into fresh tables, reporting the wall time, the JVM's CPU time (every thread: reading, writers, JIT,
 * GC) and the CPU time of the store's PostgreSQL backends (read from {@code /proc}, so the server must run on this
 * machine). Usage, with the benchmarks jar:
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
        try (CustintelStore store = db.configure(CustintelStore.builder()).tablePrefix("cpu" + round + "_")
            .clock(ShopData.CLOCK).build()) {
          Map<Integer, Long> pgBefore = backendTicks(base);
          long cpu0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          ImportReport report = store.ingestion().importFile(file, ImportFormat.ORDERS_CSV, options);
          long wall = System.nanoTime() - t0;
          long cpu = os.getProcessCpuTime() - cpu0;
          long pgTicks = 0;
          for (Map.Entry<Integer, Long> e : backendTicks(base).entrySet()) {
            pgTicks += e.getValue() - pgBefore.getOrDefault(e.getKey(), 0L);
          }
          if (report.rowsRead() != lines) {
            throw new IllegalStateException("read " + report.rowsRead() + " of " + lines + " lines");
          }
          double wallS = wall / 1e9;
          double jvmS = cpu / 1e9;
          double pgS = pgTicks / 100.0; // USER_HZ
          System.out.printf(Locale.ROOT, "%5d  %6.2f  %11.0f  %9.2f  %8.2f  %15.0f  %5.2f%n", round, wallS,
              lines / wallS, jvmS, pgS, lines / (jvmS + pgS), os.getSystemLoadAverage());
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** @return user + system CPU ticks of each backend of this driver's connections, by process id */
  private static Map<Integer, Long> backendTicks(String url) throws SQLException, IOException {
    Map<Integer, Long> ticks = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT pid FROM pg_stat_activity WHERE application_name = '" + APPLICATION + "'")) {
      while (rs.next()) {
        int pid = rs.getInt(1);
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (Files.exists(stat)) {
          String s = Files.readString(stat);
          String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
          ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime (fields 14 and 15)
        }
      }
    }
    return ticks;
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

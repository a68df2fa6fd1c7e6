package dev.custintel.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.model.Order;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileOrders#read} gives what an import of the same file into an empty (H2) store gives: the same report
 * (every count and listed row; the wall time aside) and the stored orders (id, customer, instant, currency, kind,
 * total, lines), with repeated order ids across batches and several writers, and the same error in strict mode.
 */
class FileOrdersTest {
  @TempDir Path dir;

  @Test
  void bundledFiles_sameReportAndOrdersAsAnImport() {
    assertSameAsImport(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    assertSameAsImport(TestData.file("affinity/online_retail_small.csv"), ImportFormat.ONLINE_RETAIL,
        ImportOptions.defaults());
  }

  @Test
  void repeatedOrderIdsAcrossBatches_lastVersionStoredAndCountedAlike() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency,kind");
    for (int i = 0; i < 60; i++) {
      lines.add("R-" + i + ",c" + (i % 7) + ",2024-01-" + day(i) + "T10:00:00Z,p" + (i % 5) + ",1,1.50,EUR,");
      if (i >= 10 && i % 3 == 0) { // a changed repeat 10 orders later, in another batch, to another customer
        int back = i - 10;
        lines.add("R-" + back + ",c" + (back % 3) + ",2024-02-0" + (1 + back % 9) + "T10:00:00Z,p1,2,3.25,EUR,");
      }
      if (i >= 10 && i % 3 == 1) { // an identical repeat
        int back = i - 10;
        lines.add("R-" + back + ",c" + (back % 7) + ",2024-01-" + day(back) + "T10:00:00Z,p" + (back % 5)
            + ",1,1.50,EUR,");
      }
    }
    lines.add("X-1,c1,2024-03-01T10:00:00Z,p1,x,1.00,EUR,"); // rejected
    lines.add("X-2,c1,2024-03-01T10:00:00Z,p1,1,1.00,EUR,return");
    Path file = dir.resolve("repeats.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    ImportOptions small = ImportOptions.defaults().withBatchSize(4).withWriters(3);
    ImportReport report = assertSameAsImport(file, ImportFormat.ORDERS_CSV, small);
    assertThat(report.ordersReplaced()).isEqualTo(16);
    assertThat(report.ordersUnchanged()).isEqualTo(17);
    assertThat(report.rejectedCount()).isEqualTo(1);

    String strictError = error(() -> FileOrders.read(file, ImportFormat.ORDERS_CSV,
        small.withMode(ImportMode.STRICT)));
    try (CustintelStore store = newStore()) {
      assertThat(strictError).isEqualTo(error(() -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
          small.withMode(ImportMode.STRICT)))).startsWith("dev.custintel.core.InvalidInputException");
    }
  }

  @Test
  void randomRepeats_sameReportAndOrdersAsAnImport() throws IOException {
    // Order ids drawn from a small pool, so that most come back: identical (unchanged), changed (replaced), with
    // several lines, adjacent or not, returns, two currencies and a few malformed rows.
    java.util.Random random = new java.util.Random(17);
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency,kind");
    java.util.Map<String, List<String>> written = new java.util.HashMap<>();
    for (int i = 0; i < 1500; i++) {
      String id = "O" + random.nextInt(600);
      List<String> before = written.get(id);
      if (before != null && random.nextBoolean()) {
        lines.addAll(before);
        continue;
      }
      String customer = "c" + random.nextInt(150);
      String at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(30_000_000)).plusNanos(
          random.nextInt(1_000_000_000)).toString();
      String currency = random.nextInt(10) == 0 ? "USD" : "EUR";
      String kind = random.nextInt(10) == 0 ? "return" : "";
      List<String> rows = new ArrayList<>();
      for (int l = 1 + random.nextInt(3); l > 0; l--) {
        rows.add(id + "," + customer + "," + at + ",p" + random.nextInt(20) + ","
            + (random.nextInt(100) == 0 ? "x" : Integer.toString(1 + random.nextInt(4))) + ","
            + (random.nextInt(10_000) / 100.0) + "," + currency + "," + kind);
      }
      written.put(id, rows);
      lines.addAll(rows);
    }
    Path file = dir.resolve("random.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    ImportReport report = assertSameAsImport(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withBatchSize(50));
    assertThat(report.ordersReplaced()).isGreaterThan(100);
    assertThat(report.ordersUnchanged()).isGreaterThan(100);
    assertThat(report.rejectedCount()).isPositive();
  }

  @Test
  void anUnstorableTotal_rejectedAlike() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency,kind");
    for (int i = 0; i < 6; i++) {
      lines.add("R-" + i + ",c" + i + ",2024-01-0" + (1 + i) + "T10:00:00Z,p1,1,2.00,EUR,");
    }
    // Two lines of 6 * 10^14 each: each storable, their total (10^15 and more) not.
    lines.add("BIG,c9,2024-01-09T10:00:00Z,p1,1,600000000000000,EUR,");
    lines.add("BIG,c9,2024-01-09T10:00:00Z,p2,1,600000000000000,EUR,");
    lines.add("R-9,c1,2024-01-10T10:00:00Z,p1,x,1.00,EUR,");
    Path file = dir.resolve("big.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    ImportOptions small = ImportOptions.defaults().withBatchSize(4);
    ImportReport report = assertSameAsImport(file, ImportFormat.ORDERS_CSV, small);
    assertThat(report.rejectedCount()).isEqualTo(2);
    assertThat(report.rejected().get(0).reason()).contains("10^15");
    String strict = error(() -> FileOrders.read(file, ImportFormat.ORDERS_CSV, small.withMode(ImportMode.STRICT)));
    try (CustintelStore store = newStore()) {
      assertThat(strict).isEqualTo(error(() -> store.ingestion().importFile(file, ImportFormat.ORDERS_CSV,
          small.withMode(ImportMode.STRICT)))).contains("10^15");
    }
  }

  @Test
  void emptyFile_sameError() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.csv"));
    for (ImportFormat format : ImportFormat.values()) {
      String memory = error(() -> FileOrders.read(file, format, ImportOptions.defaults()));
      try (CustintelStore store = newStore()) {
        assertThat(memory).isEqualTo(error(() -> store.ingestion().importFile(file, format,
            ImportOptions.defaults()))).isNotEqualTo("no error");
      }
    }
  }

  /** @return the report of the read */
  private static ImportReport assertSameAsImport(Path file, ImportFormat format, ImportOptions options) {
    FileOrders read = FileOrders.read(file, format, options);
    try (CustintelStore store = newStore()) {
      ImportReport imported = store.ingestion().importFile(file, format, options);
      assertThat(withoutElapsed(read.report())).isEqualTo(withoutElapsed(imported));
      TreeSet<String> memory = new TreeSet<>();
      for (Order o : read.orders()) {
        memory.add(String.join("|", o.id(), o.customerId(), o.placedAt().toString(),
            o.currency().getCurrencyCode(), o.kind().name(), o.total().amount().setScale(4).toPlainString(),
            Long.toString(o.itemCount()), Integer.toString(o.lines().size())));
      }
      assertThat(read.orders()).hasSize(memory.size()); // one version per id
      StoreAccess access = StoreAccess.of(store);
      List<String> stored = access.read("Reading the orders", h -> h.createQuery(access.sql(
              "SELECT order_id, customer_id, placed_at, currency, kind, total_amount, item_count, line_count"
                  + " FROM {orders}"))
          .map((rs, ctx) -> String.join("|", rs.getString(1), rs.getString(2),
              instant(rs.getObject(3, OffsetDateTime.class)).toString(), rs.getString(4).trim(), rs.getString(5),
              rs.getBigDecimal(6).toPlainString(), Integer.toString(rs.getInt(7)), Integer.toString(rs.getInt(8))))
          .list());
      assertThat(memory).containsExactlyElementsOf(new TreeSet<>(stored));
    }
    return read.report();
  }

  private static String day(int i) {
    return String.format(java.util.Locale.ROOT, "%02d", 1 + i % 28);
  }

  private static Instant instant(OffsetDateTime t) {
    return t.toInstant();
  }

  private static ImportReport withoutElapsed(ImportReport r) {
    return new ImportReport(r.format(), r.rowsRead(), r.ordersRead(), r.ordersWritten(), r.ordersUnchanged(),
        r.ordersReplaced(), r.customers(), r.rejectedCount(), r.rejected(), r.skippedCount(), r.skipped(),
        Duration.ZERO);
  }

  private static CustintelStore newStore() {
    return CustintelStore.builder().jdbcUrl("jdbc:h2:mem:fileorders-" + UUID.randomUUID()).build();
  }

  private static String error(Runnable r) {
    try {
      r.run();
      return "no error";
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}

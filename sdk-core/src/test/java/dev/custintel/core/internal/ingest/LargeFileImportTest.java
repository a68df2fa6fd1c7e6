package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports files of more than a million rows through the real parsers and batching, with a sink that only counts
 * (the database is not what is under test here). The build runs this class in its own JVM with a 128 MB heap
 * (see the sdk-core POM): holding the rows or the orders of such a file would not fit, so passing shows that
 * import memory is bounded by a batch, not by the file.
 */
class LargeFileImportTest {
  private static final int ORDERS = 600_000;
  private static final int LINES_PER_ORDER = 2;

  @Test
  void importFile_ordersCsvOfOverAMillionRows_streamsInBoundedMemory(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("orders.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency,product_name\n");
      for (int o = 0; o < ORDERS; o++) {
        String day = String.format("2024-%02d-%02d", 1 + o % 12, 1 + o % 28);
        for (int l = 0; l < LINES_PER_ORDER; l++) {
          w.write("O-" + o + ",C-" + (o % 75_000) + "," + day + ",P-" + ((o + l * 7) % 900) + ",1,"
              + (3 + l) + ".25,EUR,\"Product, no. " + ((o + l * 7) % 900) + "\"\n");
        }
      }
    }
    AtomicLong lines = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    FileImporter importer = new FileImporter((batch, hashes) -> count(batch, lines, batches));

    ImportReport report = importer.run(file, ImportFormat.ORDERS_CSV,
        ImportOptions.defaults().withMode(ImportMode.STRICT).withBatchSize(2_000));

    assertThat(report.rowsRead()).isEqualTo((long) ORDERS * LINES_PER_ORDER);
    assertThat(report.ordersRead()).isEqualTo(ORDERS);
    assertThat(report.customers()).isEqualTo(75_000);
    assertThat(report.rejectedCount()).isZero();
    assertThat(lines.get()).isEqualTo((long) ORDERS * LINES_PER_ORDER);
    assertThat(batches.get()).isEqualTo(ORDERS / 2_000);
  }

  @Test
  void importFile_onlineRetailOfOverAMillionRows_streamsInBoundedMemory(@TempDir Path dir) throws IOException {
    // Invoices of 20 rows in file order; memory is bounded by open invoices (one at a time here).
    Path file = dir.resolve("retail.csv");
    int invoices = 55_000;
    int rowsPerInvoice = 20;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
      for (int i = 0; i < invoices; i++) {
        for (int r = 0; r < rowsPerInvoice; r++) {
          w.write((500_000 + i) + "," + (20_000 + r) + ",ITEM " + r + ",2,12/1/2010 8:45,1.25,"
              + (12_000 + i % 4_000) + ".0,United Kingdom\n");
        }
      }
    }
    AtomicLong lines = new AtomicLong();
    FileImporter importer = new FileImporter((batch, hashes) -> count(batch, lines, new AtomicLong()));

    ImportReport report = importer.run(file, ImportFormat.ONLINE_RETAIL, ImportOptions.defaults());

    assertThat(report.rowsRead()).isEqualTo((long) invoices * rowsPerInvoice);
    assertThat(report.ordersRead()).isEqualTo(invoices);
    assertThat(report.customers()).isEqualTo(4_000);
    assertThat(lines.get()).isEqualTo((long) invoices * rowsPerInvoice);
  }

  private static IngestResult count(IngestBatch batch, AtomicLong lines, AtomicLong batches) {
    batches.incrementAndGet();
    int n = batch.orders().stream().mapToInt(o -> o.lines().size()).sum();
    lines.addAndGet(n);
    return new IngestResult(batch.orders().size(), 0, 0, 0, 0, n);
  }
}

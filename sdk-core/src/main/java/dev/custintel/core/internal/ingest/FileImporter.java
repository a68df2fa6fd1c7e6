package dev.custintel.core.internal.ingest;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportProgress;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.imports.RejectedRow;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.internal.imports.OrderFileParser;
import dev.custintel.core.internal.imports.OrderFileParsers;
import dev.custintel.core.internal.imports.ParsedOrder;
import dev.custintel.core.internal.imports.ParsedOrderSink;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Streams a file through its parser into batches, written by a {@link BatchPipeline}. Strict mode reads the file
 * twice: once to check every row, then to write, so a bad row leaves nothing behind. Not API.
 */
final class FileImporter {
  private final Function<IngestBatch, IngestResult> ingest;

  FileImporter(Function<IngestBatch, IngestResult> ingest) {
    this.ingest = ingest;
  }

  ImportReport run(Path file, ImportFormat format, ImportOptions options) {
    long start = System.nanoTime();
    OrderFileParser parser = OrderFileParsers.forFormat(format);
    ZoneId zone = options.zoneFor(format);
    String fileName = String.valueOf(file.getFileName());
    if (options.mode() == ImportMode.STRICT) {
      parser.parse(file, zone, new CheckingSink(fileName));
    }
    WritingSink sink = new WritingSink(options);
    try (BatchPipeline pipeline = new BatchPipeline(options.writers(), ingest, sink::committed)) {
      sink.pipeline = pipeline;
      parser.parse(file, zone, sink);
      sink.flush();
      pipeline.finish();
    }
    return new ImportReport(
        format,
        sink.rowsRead,
        sink.ordersRead,
        sink.result.ordersWritten(),
        sink.result.ordersUnchanged(),
        sink.customers.size(),
        sink.rejectedCount,
        sink.rejected,
        sink.skippedCount,
        sink.skipped,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** First pass of strict mode: fails on the first bad row. */
  private static final class CheckingSink implements ParsedOrderSink {
    private final String fileName;

    CheckingSink(String fileName) {
      this.fileName = fileName;
    }

    @Override
    public void rowRead() {}

    @Override
    public void order(ParsedOrder order) {}

    @Override
    public void rejected(RejectedRow row) {
      throw new InvalidInputException(
          "file '" + fileName + "' line " + row.line(), row.field(),
          row.reason() + " (strict mode: nothing was imported; fix the row or import in lenient mode)");
    }

    @Override
    public void skipped(RejectedRow row) {}
  }

  /** Collects orders into batches and writes each as it fills. */
  private final class WritingSink implements ParsedOrderSink {
    private final ImportOptions options;
    private final Map<String, Customer> batchCustomers = new LinkedHashMap<>();
    private final Map<String, Product> batchProducts = new LinkedHashMap<>();
    private final Map<String, Order> batchOrders = new LinkedHashMap<>();
    private final Set<String> customers = new HashSet<>();
    private final List<RejectedRow> rejected = new ArrayList<>();
    private final List<RejectedRow> skipped = new ArrayList<>();
    private @Nullable BatchPipeline pipeline;
    private volatile IngestResult result = IngestResult.empty();
    private volatile long rowsRead;
    private long ordersRead;
    private volatile long rejectedCount;
    private long skippedCount;

    WritingSink(ImportOptions options) {
      this.options = options;
    }

    @Override
    public void rowRead() {
      rowsRead++;
    }

    @Override
    public void order(ParsedOrder parsed) {
      Order order = parsed.order();
      if (batchOrders.containsKey(order.id())) {
        flush(); // a second version of an order in one batch would be refused as a conflict
      }
      ordersRead++;
      batchOrders.put(order.id(), order);
      Customer c = parsed.customer();
      batchCustomers.merge(c.id(), c, FileImporter::mergeCustomer);
      customers.add(c.id());
      for (Product p : parsed.products()) {
        batchProducts.putIfAbsent(p.id(), p);
      }
      if (batchOrders.size() >= options.batchSize()) {
        flush();
      }
    }

    @Override
    public void rejected(RejectedRow row) {
      rejectedCount++;
      if (rejected.size() < options.maxReportedRejections()) {
        rejected.add(row);
      }
    }

    @Override
    public void skipped(RejectedRow row) {
      skippedCount++;
      if (skipped.size() < options.maxReportedRejections()) {
        skipped.add(row);
      }
    }

    void flush() {
      if (batchOrders.isEmpty()) {
        return;
      }
      IngestBatch batch = new IngestBatch(
          List.copyOf(batchCustomers.values()), List.copyOf(batchProducts.values()), List.copyOf(batchOrders.values()));
      batchCustomers.clear();
      batchProducts.clear();
      batchOrders.clear();
      Objects.requireNonNull(pipeline, "pipeline is set before the first row").submit(batch);
    }

    /** Called by the pipeline after each commit, one call at a time. */
    void committed(IngestResult committed) {
      result = result.plus(committed);
      options.progress().onProgress(new ImportProgress(rowsRead, result.ordersWritten(), rejectedCount));
    }
  }

  private static Customer mergeCustomer(Customer a, Customer b) {
    return new Customer(
        a.id(),
        a.email() != null ? a.email() : b.email(),
        a.name() != null ? a.name() : b.name(),
        a.country() != null ? a.country() : b.country(),
        a.signedUpAt() != null ? a.signedUpAt() : b.signedUpAt());
  }
}

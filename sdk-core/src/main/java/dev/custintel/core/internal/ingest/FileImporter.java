package dev.custintel.core.internal.ingest;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFailedException;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Streams a file through its parser into batches, written by a {@link BatchPipeline}. The file is read once. In
 * strict mode the caller runs the whole import in one transaction, so the first bad row (which throws here) or a
 * database failure leaves nothing written. A database failure stops the import with an
 * {@link ImportFailedException} naming the file lines of the failed batch and saying what was committed. Not API.
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
    WritingSink sink = new WritingSink(options, fileName);
    try (BatchPipeline pipeline = new BatchPipeline(options.writers(), sink::write, sink::committed)) {
      sink.pipeline = pipeline;
      try {
        parser.parse(file, zone, sink);
        sink.flush();
        pipeline.finish();
      } catch (DataAccessException e) {
        pipeline.awaitWrites(); // so that the report counts every batch that will ever commit
        boolean strict = options.mode() == ImportMode.STRICT;
        throw new ImportFailedException(
            e.getMessage() + (strict
                ? " (strict mode: nothing of the file was written)"
                : String.format(Locale.ROOT, " (%d orders of other batches were committed; importing the file"
                    + " again once the cause is fixed completes it)", sink.result.ordersWritten())),
            report(format, sink, strict ? IngestResult.empty() : sink.result, start),
            e);
      }
    }
    return report(format, sink, sink.result, start);
  }

  private static ImportReport report(ImportFormat format, WritingSink sink, IngestResult written, long start) {
    return new ImportReport(
        format,
        sink.rowsRead,
        sink.ordersRead,
        written.ordersWritten(),
        written.ordersUnchanged(),
        sink.customers.size(),
        sink.rejectedCount,
        sink.rejected,
        sink.skippedCount,
        sink.skipped,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Collects orders into batches and writes each as it fills. */
  private final class WritingSink implements ParsedOrderSink {
    private final ImportOptions options;
    private final String fileName;
    /** The file lines of each batch in flight, for the message if it fails: its orders' first and last rows. */
    private final Map<IngestBatch, long[]> batchLines = Collections.synchronizedMap(new IdentityHashMap<>());
    private long batchFirstLine;
    private long batchLastLine;
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

    WritingSink(ImportOptions options, String fileName) {
      this.options = options;
      this.fileName = fileName;
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
      if (batchOrders.isEmpty()) {
        batchFirstLine = parsed.firstLine();
      }
      batchLastLine = parsed.firstLine();
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
      if (options.mode() == ImportMode.STRICT) {
        throw new InvalidInputException(
            "file '" + fileName + "' line " + row.line(), row.field(),
            row.reason() + " (strict mode: nothing was imported; fix the row or import in lenient mode)");
      }
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
      batchLines.put(batch, new long[] {batchFirstLine, batchLastLine});
      Objects.requireNonNull(pipeline, "pipeline is set before the first row").submit(batch);
    }

    /** Writes one batch; a database failure names the file lines the batch came from. */
    IngestResult write(IngestBatch batch) {
      long[] lines = Objects.requireNonNull(batchLines.remove(batch), "lines of the batch");
      try {
        return ingest.apply(batch);
      } catch (DataAccessException e) {
        throw new DataAccessException(String.format(Locale.ROOT,
            "file '%s': the batch of %d orders whose rows start on lines %d to %d could not be written: %s",
            fileName, batch.orders().size(), lines[0], lines[1], e.getMessage()), e);
      }
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

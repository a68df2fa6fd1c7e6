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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 *
 * <p>An order id that comes back in the file ({@link RepeatedOrders}) is never written twice at once: a repeat
 * with identical content is dropped (counted as unchanged), and a repeat with different content goes into a new
 * batch only after every batch before it has committed, so the last version in file order is stored whatever the
 * number of writers (issue 11, D9). That batch's update of the earlier version is counted as a replacement, not as
 * a write. In strict mode such a changed repeat is a bad row unless the options allow replacing.
 */
final class FileImporter {
  private final Function<IngestBatch, IngestResult> ingest;

  FileImporter(Function<IngestBatch, IngestResult> ingest) {
    this.ingest = ingest;
  }

  ImportReport run(Path file, ImportFormat format, ImportOptions options) {
    long start = System.nanoTime();
    try (SpooledInput input = SpooledInput.of(file)) { // a pipe or FIFO can be read only once (issue 11, D5)
      return run(input.path(), format, options, start);
    }
  }

  private ImportReport run(Path file, ImportFormat format, ImportOptions options, long start) {
    OrderFileParser parser = OrderFileParsers.forFormat(format);
    ZoneId zone = options.zoneFor(format);
    String fileName = String.valueOf(file.getFileName());
    String idField = idField(format);
    if (options.mode() == ImportMode.STRICT) {
      parser.parse(file, zone, new CheckingSink(fileName, idField, options.replace()));
    }
    WritingSink sink = new WritingSink(options, idField);
    try (BatchPipeline pipeline = new BatchPipeline(options.writers(), sink::write, sink::committed)) {
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
        sink.result.ordersUnchanged() + sink.identicalRepeats,
        sink.replaced,
        sink.customers.size(),
        sink.rejectedCount,
        sink.rejected,
        sink.skippedCount,
        sink.skipped,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** @return the name of the field that holds an order's id in the format, for rejections of repeated ids */
  private static String idField(ImportFormat format) {
    return switch (format) {
      case ORDERS_CSV -> "order_id";
      case ONLINE_RETAIL -> "InvoiceNo";
      case CDNOW -> "row"; // ids are made from the row; CdnowParser never repeats one
    };
  }

  /** The rejection of a repeated order id with different content, when replacing is not allowed. */
  private static RejectedRow changedRepeat(String idField, ParsedOrder parsed, long previousLine) {
    return new RejectedRow(parsed.firstLine(), idField,
        "repeats order '" + parsed.order().id() + "' of line " + previousLine + " with different content"
            + " (the rows of one order must be adjacent; to store the later version instead, allow replacing:"
            + " --replace)");
  }

  /** First pass of strict mode: fails on the first bad row. */
  private static final class CheckingSink implements ParsedOrderSink {
    private final String fileName;
    private final String idField;
    private final boolean replace;
    private final RepeatedOrders repeats = new RepeatedOrders();

    CheckingSink(String fileName, String idField, boolean replace) {
      this.fileName = fileName;
      this.idField = idField;
      this.replace = replace;
    }

    @Override
    public void rowRead() {}

    @Override
    public void order(ParsedOrder order) {
      if (repeats.see(order.order(), order.firstLine()) == RepeatedOrders.Seen.CHANGED && !replace) {
        rejected(changedRepeat(idField, order, repeats.previousLine()));
      }
    }

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
    private final String idField;
    private final boolean replace;
    private final RepeatedOrders repeats = new RepeatedOrders();
    /** The submitted batches whose first order replaces an earlier version; a batch has at most one. */
    private final Set<IngestBatch> replacing =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private boolean batchStartsWithReplacement;
    private long identicalRepeats;
    private long replaced;
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

    WritingSink(ImportOptions options, String idField) {
      this.options = options;
      this.idField = idField;
      this.replace = options.mode() == ImportMode.LENIENT || options.replace();
    }

    @Override
    public void rowRead() {
      rowsRead++;
    }

    @Override
    public void order(ParsedOrder parsed) {
      Order order = parsed.order();
      switch (repeats.see(order, parsed.firstLine())) {
        case FIRST -> { }
        case SAME -> { // the earlier occurrence writes it
          ordersRead++;
          identicalRepeats++;
          return;
        }
        case CHANGED -> {
          if (!replace) { // strict mode, and the file changed since the first pass
            rejected(changedRepeat(idField, parsed, repeats.previousLine()));
            return;
          }
          // The earlier version must be stored before this one is written, whichever writer takes which batch.
          flush();
          Objects.requireNonNull(pipeline, "pipeline is set before the first row").finish();
          replaced++;
          batchStartsWithReplacement = true;
        }
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
      if (batchStartsWithReplacement) {
        replacing.add(batch);
        batchStartsWithReplacement = false;
      }
      Objects.requireNonNull(pipeline, "pipeline is set before the first row").submit(batch);
    }

    /** Writes a batch; the update of a replaced order is not a write of the import but a replacement. */
    IngestResult write(IngestBatch batch) {
      IngestResult r = ingest.apply(batch);
      if (!replacing.remove(batch) || r.ordersUpdated() == 0) {
        return r;
      }
      return new IngestResult(r.ordersInserted(), r.ordersUpdated() - 1, r.ordersUnchanged(), r.customersWritten(),
          r.productsWritten(), r.orderLinesWritten());
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

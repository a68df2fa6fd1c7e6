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
import org.jspecify.annotations.Nullable;

/**
 * Streams a file through its parser into batches, written by a {@link BatchPipeline}. The file is read once. In
 * strict mode the caller runs the whole import in one transaction, so the first bad row (which throws here) or a
 * database failure leaves nothing written. A database failure stops the import with an
 * {@link ImportFailedException} naming the file lines of the failed batch and saying what was committed. Not API.
 *
 * <p>An order id that comes back in the file ({@link RepeatedOrders}) is never written twice at once: a repeat
 * with identical content is dropped (counted as unchanged), and a repeat with different content goes into a new
 * batch only after every batch before it has committed, so the last version in file order is stored whatever the
 * number of writers (issue 11, D9). That batch's update of the earlier version is counted as a replacement, not as
 * a write. In strict mode such a changed repeat is a bad row unless the options allow replacing.
 */
final class FileImporter {
  /** Writes one batch, given the content hash of each of its orders. */
  @FunctionalInterface
  interface HashedWrite {
    /**
     * @param batch the batch
     * @param hashes the {@link OrderHash} of each order of the batch, in order, normalised as
     *     {@link PreparedBatch#checked} does: the importer computes them anyway to recognise repeats, and a write
     *     that uses them need not hash the orders again
     * @return what was written
     */
    IngestResult write(IngestBatch batch, List<String> hashes);
  }

  private final HashedWrite ingest;

  /** @param ingest writes a batch with the orders' hashes */
  FileImporter(HashedWrite ingest) {
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
    WritingSink sink = new WritingSink(options, fileName, idField(format));
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
                : String.format(Locale.ROOT, " (%d orders of other batches were committed, and the failed batch too if"
                    + " the connection broke during its commit; importing the file again once the cause is fixed"
                    + " completes it)", sink.result.ordersWritten())),
            report(format, sink, strict ? IngestResult.empty() : sink.result, start),
            e);
      }
    }
    return report(format, sink, sink.result, start);
  }

  private static ImportReport report(ImportFormat format, WritingSink sink, IngestResult written, long start) {
    return new ImportReport(
        format,
        sink.rowsRead(),
        sink.ordersRead,
        written.ordersWritten(),
        written.ordersUnchanged() + sink.identicalRepeats,
        written == sink.result ? sink.replaced : 0,
        sink.customers.size(),
        sink.rejectedCount(),
        sink.rejectedRows(),
        sink.skippedCount(),
        sink.skippedRows(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** @return the name of the field that holds an order's id in the format, for rejections of repeated ids */
  static String idField(ImportFormat format) {
    return switch (format) {
      case ORDERS_CSV -> "order_id";
      case ONLINE_RETAIL -> "InvoiceNo";
      case CDNOW -> "row"; // ids are made from the row; CdnowParser never repeats one
    };
  }

  /** The error of a bad row in strict mode, which fails the whole import. */
  static InvalidInputException strictRejection(String fileName, RejectedRow row) {
    return new InvalidInputException(
        "file '" + fileName + "' line " + row.line(), row.field(),
        row.reason() + " (strict mode: nothing was imported; fix the row or import in lenient mode)");
  }

  /** The rejection of a repeated order id with different content, when replacing is not allowed. */
  static RejectedRow changedRepeat(String idField, ParsedOrder parsed, long previousLine) {
    return new RejectedRow(parsed.firstLine(), idField,
        "repeats order '" + parsed.order().id() + "' of line " + previousLine + " with different content"
            + " (the rows of one order must be adjacent; to store the later version instead, allow replacing:"
            + " --replace)");
  }

  /** Collects orders into batches and writes each as it fills. */
  private final class WritingSink extends CountingSink {
    private final String idField;
    private final boolean replace;
    /** The file lines of each batch in flight, for the message if it fails: its orders' first and last rows. */
    private final Map<IngestBatch, long[]> batchLines = Collections.synchronizedMap(new IdentityHashMap<>());
    private long batchFirstLine;
    private long batchLastLine;
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
    /** The content hash of each order of {@link #batchOrders}, in the same order. */
    private final List<String> batchHashes = new ArrayList<>();
    /** The content hashes of each batch in flight. */
    private final Map<IngestBatch, List<String>> hashesOf = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<String> customers = new HashSet<>();
    private @Nullable BatchPipeline pipeline;
    private volatile IngestResult result = IngestResult.empty();
    private long ordersRead;

    WritingSink(ImportOptions options, String fileName, String idField) {
      super(options, fileName);
      this.idField = idField;
      this.replace = options.mode() == ImportMode.LENIENT || options.replace();
    }

    @Override
    public void order(ParsedOrder parsed) {
      Order order = parsed.order();
      Order normalised = PreparedBatch.normalise(order);
      String hash = OrderHash.of(normalised);
      switch (repeats.see(order, RepeatedOrders.fingerprint(hash), parsed.firstLine())) {
        case FIRST -> { }
        case SAME -> { // the earlier occurrence writes it
          ordersRead++;
          identicalRepeats++;
          return;
        }
        case CHANGED -> {
          if (!replace) { // strict mode without --replace: a bad row, which fails the file
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
      if (batchOrders.isEmpty()) {
        batchFirstLine = parsed.firstLine();
      }
      batchLastLine = parsed.firstLine();
      batchOrders.put(order.id(), order); // a new id: a repeat was dropped above or flushed the batch before it
      batchHashes.add(hash);
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

    void flush() {
      if (batchOrders.isEmpty()) {
        return;
      }
      IngestBatch batch = new IngestBatch(
          List.copyOf(batchCustomers.values()), List.copyOf(batchProducts.values()), List.copyOf(batchOrders.values()));
      batchCustomers.clear();
      batchProducts.clear();
      batchOrders.clear();
      hashesOf.put(batch, List.copyOf(batchHashes));
      batchHashes.clear();
      if (batchStartsWithReplacement) {
        replacing.add(batch);
        batchStartsWithReplacement = false;
      }
      batchLines.put(batch, new long[] {batchFirstLine, batchLastLine});
      Objects.requireNonNull(pipeline, "pipeline is set before the first row").submit(batch);
    }

    /**
     * Writes one batch; a database failure names the file lines the batch came from. The update of a replaced
     * order is not a write of the import but a replacement.
     */
    IngestResult write(IngestBatch batch) {
      long[] lines = Objects.requireNonNull(batchLines.remove(batch), "lines of the batch");
      List<String> hashes = Objects.requireNonNull(hashesOf.remove(batch), "hashes of the batch");
      IngestResult r;
      try {
        r = ingest.write(batch, hashes);
      } catch (DataAccessException e) {
        throw new DataAccessException(String.format(Locale.ROOT,
            "file '%s': the batch of %d orders whose rows start on lines %d to %d could not be written: %s",
            fileName(), batch.orders().size(), lines[0], lines[1], e.getMessage()), e);
      }
      if (!replacing.remove(batch) || r.ordersUpdated() == 0) {
        return r;
      }
      return new IngestResult(r.ordersInserted(), r.ordersUpdated() - 1, r.ordersUnchanged(), r.customersWritten(),
          r.productsWritten(), r.orderLinesWritten());
    }

    /** Called by the pipeline after each commit, one call at a time. */
    void committed(IngestResult committed) {
      result = result.plus(committed);
      options.progress().onProgress(
          new ImportProgress(rowsRead(), result.ordersWritten(), rejectedCount()));
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

package dev.custintel.core.internal.ingest;

import dev.custintel.core.imports.FileOrders;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportProgress;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.internal.imports.OrderFileParsers;
import dev.custintel.core.internal.imports.ParsedOrder;
import dev.custintel.core.model.Order;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FileOrders#read}: the file's parser with a sink that keeps each order id's stored version in memory, by the
 * rules by which an import ({@link FileImporter} with its {@link BatchWriter}) stores the file in an empty store, so
 * that the orders and every count of the report are the import's:
 *
 * <ul>
 *   <li>an order id read again with the same content (as {@link OrderHash} compares it, after
 *       {@link PreparedBatch#normalise}) is counted as read and unchanged, and dropped;
 *   <li>read again with different content, it replaces the stored version (keeping its position) and is counted as
 *       replaced, not written; in strict mode without replacing, it is a bad row, which fails the file;
 *   <li>bad rows are counted and listed (up to the options' limit), and fail the file in strict mode;
 *   <li>each order is checked as a batch write checks it ({@link PreparedBatch#checked}: a total of 10^15 or more
 *       fails the file), in batches of the options' size that end where the import's end (when full, and before a
 *       replacing version), so that a failure is reported at the same point and in the same words as by an import.
 * </ul>
 *
 * <p>Unlike the importer, which keeps a 64-bit fingerprint per id because it does not hold the orders, this sink
 * holds every order anyway: a repeat is compared with the stored version itself, and an id read once costs one map
 * entry and no hashing of its content. A cold {@code clv fit} spent about a third of its reading in the importer's
 * batches, fingerprints and record copies (issue 17). The customers and products of the file are not kept: the
 * report counts distinct customer ids only. Not thread-safe (everything runs on the calling thread). Not API.
 */
public final class MemoryImport extends CountingSink {
  private final String idField;
  private final boolean replace;
  /** The stored version of each order id, normalised, in order of first appearance. */
  private final Map<String, Order> orders = new LinkedHashMap<>();
  /** The line each order id was last read on, for the rejection of a changed repeat. */
  private final Map<String, Long> lines = new HashMap<>();
  private final Set<String> customers = new HashSet<>();
  /** The orders of the batch being filled, checked when it ends. */
  private final List<Order> batch = new ArrayList<>();
  private long ordersRead;
  private long written;
  private long unchanged;
  private long replaced;

  private MemoryImport(ImportOptions options, String fileName, ImportFormat format) {
    super(options, fileName);
    this.idField = FileImporter.idField(format);
    this.replace = options.mode() == ImportMode.LENIENT || options.replace();
  }

  /**
   * As {@link FileOrders#read}.
   *
   * @param file the file
   * @param format its layout
   * @param options the import's options (the number of writers is ignored)
   * @return the report and the stored orders
   */
  public static FileOrders read(Path file, ImportFormat format, ImportOptions options) {
    long start = System.nanoTime();
    try (SpooledInput input = SpooledInput.of(file)) { // a pipe or FIFO can be read only once, as for an import
      Path path = input.path();
      MemoryImport sink = new MemoryImport(options, String.valueOf(path.getFileName()), format);
      OrderFileParsers.forFormat(format).parse(path, options.zoneFor(format), sink);
      sink.endBatch();
      ImportReport report = new ImportReport(format, sink.rowsRead(), sink.ordersRead, sink.written, sink.unchanged,
          sink.replaced, sink.customers.size(), sink.rejectedCount(), sink.rejectedRows(),
          sink.skippedCount(), sink.skippedRows(),
          Duration.ofNanos(System.nanoTime() - start));
      return new FileOrders(report, new ArrayList<>(sink.orders.values()));
    }
  }

  @Override
  public void order(ParsedOrder parsed) {
    Order order = PreparedBatch.normalise(parsed.order());
    String id = order.id();
    Order stored = orders.get(id);
    if (stored != null) {
      if (Arrays.equals(OrderHash.canonical(stored), OrderHash.canonical(order))) {
        ordersRead++;
        unchanged++;
        lines.put(id, parsed.firstLine());
        return;
      }
      Long previousLine = lines.put(id, parsed.firstLine());
      if (!replace) { // strict mode without replacing: a bad row, which fails the file
        rejected(FileImporter.changedRepeat(idField, parsed, previousLine == null ? 0 : previousLine));
        return;
      }
      endBatch(); // the import writes the earlier version's batch first and starts a new one with this version
      replaced++;
    } else {
      lines.put(id, parsed.firstLine());
      written++;
    }
    ordersRead++;
    orders.put(id, order);
    customers.add(parsed.customer().id());
    batch.add(order);
    if (batch.size() >= options.batchSize()) {
      endBatch();
    }
  }

  /** Checks the batch's orders as a batch write would, and reports progress as a commit does. */
  private void endBatch() {
    if (batch.isEmpty()) {
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      PreparedBatch.checked(batch.get(i), i);
    }
    batch.clear();
    options.progress().onProgress(new ImportProgress(rowsRead(), written, rejectedCount()));
  }
}

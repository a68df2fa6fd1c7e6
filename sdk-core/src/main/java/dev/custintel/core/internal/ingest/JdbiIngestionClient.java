package dev.custintel.core.internal.ingest;

import dev.custintel.core.CustintelException;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportMode;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.store.DatabaseKind;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/** Ingestion over Jdbi. Not API. */
public final class JdbiIngestionClient implements IngestionClient {
  private final TransactionRunner tx;
  private final BatchWriter writer;
  private final Clock clock;
  private final StoreMetrics metrics;
  private final Consumer<Set<String>> onCustomersChanged;
  private final LongConsumer onOrdersWritten;

  /**
   * @param onCustomersChanged called after each commit with the ids of customers whose data changed
   * @param onOrdersWritten called after each commit with the number of orders it inserted or updated
   * @param recordChanges whether each transaction also adds its changed customers to {@code changed_customers}
   */
  public JdbiIngestionClient(
      TransactionRunner tx,
      Tables tables,
      DatabaseKind kind,
      Clock clock,
      StoreMetrics metrics,
      Consumer<Set<String>> onCustomersChanged,
      LongConsumer onOrdersWritten,
      BooleanSupplier recordChanges) {
    this.tx = tx;
    this.writer = new BatchWriter(tables, kind == DatabaseKind.POSTGRESQL, recordChanges);
    this.clock = clock;
    this.metrics = metrics;
    this.onCustomersChanged = onCustomersChanged;
    this.onOrdersWritten = onOrdersWritten;
  }

  @Override
  public IngestResult ingest(IngestBatch batch) {
    Objects.requireNonNull(batch, "batch");
    return ingest(batch, null, false);
  }

  /**
   * @param hashes the content hash of each order, as {@link FileImporter.HashedWrite} gives them; null to compute
   * @param asynchronousCommit whether the transaction commits without waiting for the flush to disk
   */
  private IngestResult ingest(IngestBatch batch, @Nullable List<String> hashes, boolean asynchronousCommit) {
    return metrics.time("ingest.batch", () -> {
      if (batch.isEmpty()) {
        return IngestResult.empty();
      }
      PreparedBatch prepared = PreparedBatch.of(batch, hashes);
      BatchWriter.Outcome outcome = tx.inRetryingTransaction("Ingesting a batch",
          h -> writer.write(h, prepared, clock.instant(), asynchronousCommit));
      IngestResult r = outcome.result();
      onCustomersChanged.accept(outcome.touchedCustomers());
      metrics.ordersIngested(r.ordersInserted(), r.ordersUpdated(), r.ordersUnchanged());
      onOrdersWritten.accept(r.ordersWritten());
      return r;
    });
  }

  @Override
  public ImportReport importFile(Path file, ImportFormat format, ImportOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    if (options.mode() == ImportMode.STRICT) {
      return metrics.time("ingest.import", () -> importInOneTransaction(file, format, options));
    }
    boolean asynchronous = options.asynchronousCommit();
    return metrics.time("ingest.import", () -> new FileImporter(
        (batch, hashes) -> ingest(batch, hashes, asynchronous)).run(file, format, options));
  }

  /**
   * Strict mode: the whole file in one transaction on one connection, so that nothing of it stays written when a
   * row is bad or the database refuses a batch (issue 11, D4). Not retried: a retry would read the file again.
   */
  private ImportReport importInOneTransaction(Path file, ImportFormat format, ImportOptions options) {
    Set<String> touched = new TreeSet<>();
    List<IngestResult> written = new ArrayList<>();
    ImportReport report;
    try {
      report = tx.inTransaction(
          "Importing file '" + file.getFileName() + "'", TransactionIsolationLevel.READ_COMMITTED, false, h -> {
            FileImporter importer = new FileImporter((batch, hashes) -> {
              if (batch.isEmpty()) {
                return IngestResult.empty();
              }
              PreparedBatch prepared = PreparedBatch.of(batch, hashes);
              BatchWriter.Outcome outcome;
              try {
                outcome = writer.write(h, prepared, clock.instant(), options.asynchronousCommit());
              } catch (CustintelException e) {
                throw e;
              } catch (RuntimeException e) { // as a batch of its own transaction reports it, with the file lines
                throw TransactionRunner.failed("Ingesting a batch", e);
              }
              touched.addAll(outcome.touchedCustomers());
              written.add(outcome.result());
              return outcome.result();
            });
            try {
              return importer.run(file, format, options.withWriters(1));
            } catch (UncheckedIOException e) {
              throw new ReadFailure(e); // not a database failure: rethrown as it is after the rollback
            }
          });
    } catch (ReadFailure e) {
      throw e.io;
    }
    onCustomersChanged.accept(touched);
    for (IngestResult r : written) {
      metrics.ordersIngested(r.ordersInserted(), r.ordersUpdated(), r.ordersUnchanged());
      onOrdersWritten.accept(r.ordersWritten());
    }
    return report;
  }

  /** Carries a read failure out of the strict import's transaction, which it rolls back. */
  private static final class ReadFailure extends CustintelException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: caught in this class
    private final UncheckedIOException io;

    ReadFailure(UncheckedIOException io) {
      super(String.valueOf(io.getMessage()), io);
      this.io = io;
    }
  }
}

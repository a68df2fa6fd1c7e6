package dev.custintel.core.internal.ingest;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.store.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** Ingestion over Jdbi. Not API. */
public final class JdbiIngestionClient implements IngestionClient {
  private final TransactionRunner tx;
  private final BatchWriter writer;
  private final Clock clock;
  private final StoreMetrics metrics;
  private final Consumer<Set<String>> onCustomersChanged;

  /**
   * @param onCustomersChanged called after each commit with the ids of customers whose data changed
   */
  public JdbiIngestionClient(
      TransactionRunner tx,
      Tables tables,
      DatabaseKind kind,
      Clock clock,
      StoreMetrics metrics,
      Consumer<Set<String>> onCustomersChanged) {
    this.tx = tx;
    this.writer = new BatchWriter(tables, kind == DatabaseKind.POSTGRESQL);
    this.clock = clock;
    this.metrics = metrics;
    this.onCustomersChanged = onCustomersChanged;
  }

  @Override
  public IngestResult ingest(IngestBatch batch) {
    Objects.requireNonNull(batch, "batch");
    return metrics.time("ingest.batch", () -> {
      if (batch.isEmpty()) {
        return IngestResult.empty();
      }
      PreparedBatch prepared = PreparedBatch.of(batch);
      BatchWriter.Outcome outcome =
          tx.inRetryingTransaction("Ingesting a batch", h -> writer.write(h, prepared, clock.instant()));
      IngestResult r = outcome.result();
      onCustomersChanged.accept(outcome.touchedCustomers());
      metrics.ordersIngested(r.ordersInserted(), r.ordersUpdated(), r.ordersUnchanged());
      return r;
    });
  }

  @Override
  public ImportReport importFile(Path file, ImportFormat format, ImportOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    return metrics.time("ingest.import", () -> new FileImporter(this::ingest).run(file, format, options));
  }
}

package dev.custintel.core.ingest;

import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.imports.ImportReport;
import dev.custintel.core.model.Order;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes data into the store. Thread-safe: concurrent batches are serialised by the database where they touch the
 * same rows, and a batch that collides with a concurrent one on a new key is retried.
 */
public interface IngestionClient {

  /**
   * Writes a batch in one transaction. Idempotent: re-sending the same batch changes nothing.
   *
   * @param batch the records
   * @return counts of what was written
   * @throws dev.custintel.core.InvalidInputException if a record is invalid (naming the record, field and reason);
   *     nothing from the batch is written
   * @throws dev.custintel.core.DataAccessException if the database fails; nothing from the batch is written
   */
  IngestResult ingest(IngestBatch batch);

  /**
   * Writes orders in one transaction; shorthand for {@code ingest(IngestBatch.ofOrders(orders))}.
   *
   * @param orders the orders
   * @return counts of what was written
   */
  default IngestResult upsertOrders(List<Order> orders) {
    return ingest(IngestBatch.ofOrders(orders));
  }

  /**
   * Imports a CSV file, streaming it in batches of {@link ImportOptions#batchSize()} orders.
   *
   * <p>In {@link dev.custintel.core.imports.ImportMode#STRICT} mode the whole file is checked before anything is
   * written, and the first bad row fails the import with an {@link dev.custintel.core.InvalidInputException} naming
   * its line. In {@link dev.custintel.core.imports.ImportMode#LENIENT} mode bad rows are skipped and reported with
   * their line numbers. Re-importing a file changes nothing. An order id that comes back in the file with
   * different content is stored as its last version and counted in {@link ImportReport#ordersReplaced()}; strict
   * mode fails on it unless {@link ImportOptions#replace()}.
   *
   * <p>The file may be a pipe or a named FIFO, such as {@code /dev/stdin}: it is read once, into a temporary copy
   * under {@code java.io.tmpdir} (as large as the input) that is deleted when the import ends, since strict mode
   * and the Online Retail layout read the file twice.
   *
   * @param file the file
   * @param format its layout
   * @param options mode, batch size, time zone, progress callback
   * @return what was read, written and rejected
   */
  ImportReport importFile(Path file, ImportFormat format, ImportOptions options);
}

package dev.custintel.core.imports;

import java.time.Duration;
import java.util.List;

/**
 * What an import did.
 *
 * @param format the layout read
 * @param rowsRead data rows read (header excluded)
 * @param ordersRead complete orders assembled from the rows
 * @param ordersWritten orders inserted or updated (0 when the same file is imported again)
 * @param ordersUnchanged orders already stored with identical content
 * @param customers distinct customers among the imported orders
 * @param rejectedCount rows rejected as malformed (in lenient mode; strict mode throws instead)
 * @param rejected the rejected rows, in file order, at most {@link ImportOptions#maxReportedRejections()}
 * @param skippedCount well-formed rows that cannot be imported, such as Online Retail rows without a customer id
 * @param skipped the skipped rows, at most {@link ImportOptions#maxReportedRejections()}
 * @param elapsed wall time of the import
 */
public record ImportReport(
    ImportFormat format,
    long rowsRead,
    long ordersRead,
    long ordersWritten,
    long ordersUnchanged,
    long customers,
    long rejectedCount,
    List<RejectedRow> rejected,
    long skippedCount,
    List<RejectedRow> skipped,
    Duration elapsed) {

  /** Copies the lists. */
  public ImportReport {
    rejected = List.copyOf(rejected);
    skipped = List.copyOf(skipped);
  }
}

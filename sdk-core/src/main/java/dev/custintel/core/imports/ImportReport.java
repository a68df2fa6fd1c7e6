package dev.custintel.core.imports;

import java.time.Duration;
import java.util.List;

/**
 * What an import did.
 *
 * @param format the layout read
 * @param rowsRead data rows read (header excluded)
 * @param ordersRead complete orders assembled from the rows, repeats of an order id included; when nothing fails,
 *     {@code ordersWritten + ordersUnchanged + ordersReplaced}
 * @param ordersWritten orders inserted, or updated because the database held different content for their id (0
 *     when the same file is imported again); a later version of an order the file already gave is not counted
 *     here but in {@code ordersReplaced}
 * @param ordersUnchanged orders already stored with identical content, and repeats of an order id that the file
 *     already gave with identical content
 * @param ordersReplaced orders whose id the file already gave with different content: the later version replaced
 *     the earlier one (the last version in file order is stored, whatever the number of writers). Strict mode
 *     fails on the first such repeat unless {@link ImportOptions#replace()}. A file with repeats writes each
 *     version in turn on every import, so importing it again writes its earlier versions again
 *     ({@code ordersWritten} is then not 0) and ends with the same stored orders
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
    long ordersReplaced,
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

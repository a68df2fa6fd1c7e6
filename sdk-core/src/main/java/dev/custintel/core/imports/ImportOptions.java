package dev.custintel.core.imports;

import dev.custintel.core.InvalidInputException;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to import a file.
 *
 * @param mode strict (the first bad row rejects the file) or lenient (bad rows skipped and reported)
 * @param batchSize orders per batch, 1 to 100,000; in lenient mode each batch is one transaction
 * @param zone zone for local dates and times in the file; null for the format's default
 * @param maxReportedRejections at most this many rejected rows are listed in the report (all are counted)
 * @param writers batches written concurrently, each in its own transaction on its own connection, 1 to 16; the
 *     file is read on the calling thread meanwhile. 1 writes batch after batch on the calling thread. Strict mode
 *     does not use them: it writes the whole file in one transaction on the calling thread.
 * @param progress called after each batch is written (and committed, in lenient mode), one call at a time
 * @param replace whether, in strict mode, an order id that comes back later in the file with different content
 *     replaces the earlier version (the last one in file order is stored) instead of failing the file. Lenient mode
 *     always lets the last version win. Either way such repeats are counted in
 *     {@link ImportReport#ordersReplaced()}; a repeat with identical content changes nothing.
 * @param asynchronousCommit whether the import's transactions commit without waiting for the database to flush
 *     them to disk (PostgreSQL's {@code synchronous_commit = off}, set for each of the import's transactions only):
 *     for bulk loads, where the wait for each batch's flush is a large part of its time. Off by default. A crash
 *     of the database server (not of the application) can then lose the batches committed in its last moments
 *     (at most about three times the server's {@code wal_writer_delay}, 0.6 s by default), even though the
 *     import reported them; it never loses part of a batch, and never corrupts the database. Importing the file
 *     again writes what was lost and nothing twice, since an order already stored unchanged is not written again.
 *     No effect on H2.
 */
public record ImportOptions(
    ImportMode mode,
    int batchSize,
    @Nullable ZoneId zone,
    int maxReportedRejections,
    int writers,
    ImportProgressListener progress,
    boolean replace,
    boolean asynchronousCommit) {

  /** Validates the options. */
  public ImportOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(progress, "progress");
    if (batchSize < 1 || batchSize > 100_000) {
      throw InvalidInputException.argument("batchSize", "must be between 1 and 100000 (was " + batchSize + ")");
    }
    if (writers < 1 || writers > 16) {
      throw InvalidInputException.argument("writers", "must be between 1 and 16 (was " + writers + ")");
    }
    if (maxReportedRejections < 0) {
      throw InvalidInputException.argument(
          "maxReportedRejections", "must not be negative (was " + maxReportedRejections + ")");
    }
  }

  /**
   * Options whose transactions commit synchronously ({@code asynchronousCommit} false).
   *
   * @param mode strict or lenient
   * @param batchSize orders per transaction, 1 to 100,000
   * @param zone zone for local dates and times in the file; null for the format's default
   * @param maxReportedRejections at most this many rejected rows are listed in the report
   * @param writers batches written concurrently, 1 to 16
   * @param progress called after each committed batch
   * @param replace whether a later, different version of an order replaces the earlier one in strict mode
   */
  public ImportOptions(
      ImportMode mode,
      int batchSize,
      @Nullable ZoneId zone,
      int maxReportedRejections,
      int writers,
      ImportProgressListener progress,
      boolean replace) {
    this(mode, batchSize, zone, maxReportedRejections, writers, progress, replace, false);
  }

  /**
   * Options that do not let a changed repeat replace an earlier version in strict mode ({@code replace} false).
   *
   * @param mode strict or lenient
   * @param batchSize orders per transaction, 1 to 100,000
   * @param zone zone for local dates and times in the file; null for the format's default
   * @param maxReportedRejections at most this many rejected rows are listed in the report
   * @param writers batches written concurrently, 1 to 16
   * @param progress called after each committed batch
   */
  public ImportOptions(
      ImportMode mode,
      int batchSize,
      @Nullable ZoneId zone,
      int maxReportedRejections,
      int writers,
      ImportProgressListener progress) {
    this(mode, batchSize, zone, maxReportedRejections, writers, progress, false, false);
  }

  /**
   * @return lenient mode, 2,000 orders per batch, the format's zone, up to 1,000 rejections listed, 2 writers,
   *     strict mode would not replace, synchronous commits
   */
  public static ImportOptions defaults() {
    return new ImportOptions(ImportMode.LENIENT, 2_000, null, 1_000, 2, ImportProgressListener.NONE, false, false);
  }

  /**
   * @param newMode the mode
   * @return a copy with that mode
   */
  public ImportOptions withMode(ImportMode newMode) {
    return new ImportOptions(newMode, batchSize, zone, maxReportedRejections, writers,
        progress, replace, asynchronousCommit);
  }

  /**
   * @param size orders per transaction
   * @return a copy with that batch size
   */
  public ImportOptions withBatchSize(int size) {
    return new ImportOptions(mode, size, zone, maxReportedRejections, writers, progress, replace, asynchronousCommit);
  }

  /**
   * @param newZone zone for local times, or null for the format's default
   * @return a copy with that zone
   */
  public ImportOptions withZone(@Nullable ZoneId newZone) {
    return new ImportOptions(mode, batchSize, newZone, maxReportedRejections, writers,
        progress, replace, asynchronousCommit);
  }

  /**
   * @param count batches written concurrently, 1 to 16
   * @return a copy with that many writers
   */
  public ImportOptions withWriters(int count) {
    return new ImportOptions(mode, batchSize, zone, maxReportedRejections, count,
        progress, replace, asynchronousCommit);
  }

  /**
   * @param limit how many rejected and skipped rows to list (all are counted)
   * @return a copy with that limit
   */
  public ImportOptions withMaxReportedRejections(int limit) {
    return new ImportOptions(mode, batchSize, zone, limit, writers, progress, replace, asynchronousCommit);
  }

  /**
   * @param listener progress callback
   * @return a copy with that callback
   */
  public ImportOptions withProgress(ImportProgressListener listener) {
    return new ImportOptions(mode, batchSize, zone, maxReportedRejections, writers,
        listener, replace, asynchronousCommit);
  }

  /**
   * @param allow whether a later, different version of an order replaces the earlier one in strict mode
   * @return a copy with that choice
   */
  public ImportOptions withReplace(boolean allow) {
    return new ImportOptions(mode, batchSize, zone, maxReportedRejections, writers,
        progress, allow, asynchronousCommit);
  }

  /**
   * @param asynchronous whether the import's transactions commit without waiting for the flush to disk (see
   *     {@link #asynchronousCommit()}: a server crash can lose the last committed batches, which importing the file
   *     again writes)
   * @return a copy with that choice
   */
  public ImportOptions withAsynchronousCommit(boolean asynchronous) {
    return new ImportOptions(mode, batchSize, zone, maxReportedRejections, writers, progress, replace, asynchronous);
  }

  /**
   * @param format the file's format
   * @return the zone to read local times in
   */
  public ZoneId zoneFor(ImportFormat format) {
    return zone != null ? zone : format.defaultZone();
  }
}

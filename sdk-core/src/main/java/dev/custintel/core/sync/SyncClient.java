package dev.custintel.core.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@link OrderSource}s into the store and keeps each source's {@link SyncStatus} (in the table
 * {@code <prefix>sync_status}). Thread-safe.
 *
 * <p>A run starts at the watermark of the source's last successful run and pulls pages until one says it was the
 * last. Each page is ingested as one batch, all or nothing, by the store's own ingestion: an order with an id the
 * store already holds is replaced by the pulled version when its content differs, and left alone when it is the
 * same (so a re-run over the same data writes nothing). When every page is in, the run records the last page's
 * watermark. When a pull or an ingestion fails, the run records the error and keeps the old watermark: pages
 * ingested before the failure stay ingested and are pulled again, unchanged, by the next run.
 *
 * <p>One run per source at a time, across every store on the same database: a second one is refused with
 * {@link SyncInProgressException}. A run whose process died is taken over when it has shown no progress for
 * {@link #ABANDONED_AFTER}.
 */
public interface SyncClient {
  /** Orders asked for per page by {@link #run(OrderSource)}. */
  int DEFAULT_PAGE_SIZE = 1_000;

  /** How long a run may go without finishing a page before another run may take the source over. */
  Duration ABANDONED_AFTER = Duration.ofMinutes(15);

  /**
   * Runs a source with pages of {@value #DEFAULT_PAGE_SIZE}.
   *
   * @param source the source
   * @return what the run did
   * @throws SyncInProgressException if the source is being synced already
   * @throws dev.custintel.core.CustintelException the failure of the source or of ingestion, after it was recorded
   *     in the status
   */
  default SyncResult run(OrderSource source) {
    return run(source, DEFAULT_PAGE_SIZE);
  }

  /**
   * Runs a source: pulls and ingests pages until the source is exhausted.
   *
   * @param source the source
   * @param pageSize the limit given to each {@link OrderSource#pull}, 1 to 100,000
   * @return what the run did
   * @throws SyncInProgressException if the source is being synced already
   * @throws dev.custintel.core.InvalidInputException if the page size is out of range or the source's name is not
   *     1 to 64 characters
   * @throws dev.custintel.core.CustintelException the failure of the source or of ingestion, after it was recorded
   *     in the status
   */
  SyncResult run(OrderSource source, int pageSize);

  /**
   * @param sourceName a source's name
   * @return the source's status, or empty when it was never run
   */
  Optional<SyncStatus> status(String sourceName);

  /** @return the status of every source ever run, by name */
  List<SyncStatus> statuses();

  /**
   * Runs a source now and then every {@code interval} after the previous run ended, on a daemon thread of its
   * own, until the returned scheduler is closed (or the store is). A failed run is recorded in the status and
   * logged, and the next one runs on time; a run refused because another is in progress is skipped.
   *
   * @param source the source
   * @param interval the pause between the end of a run and the start of the next, at least 1 second
   * @return the running schedule; close it to stop
   */
  SyncScheduler schedule(OrderSource source, Duration interval);
}

package dev.custintel.core.internal.sync;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.Secrets;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.sync.OrderSource;
import dev.custintel.core.sync.SyncClient;
import dev.custintel.core.sync.SyncInProgressException;
import dev.custintel.core.sync.SyncOutcome;
import dev.custintel.core.sync.SyncResult;
import dev.custintel.core.sync.SyncScheduler;
import dev.custintel.core.sync.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's {@link SyncClient}: runs sources into its ingestion and keeps their status. Not API. */
public final class JdbiSyncClient implements SyncClient {
  private static final Logger LOG = LoggerFactory.getLogger(JdbiSyncClient.class);
  private static final int MAX_PAGE_SIZE = 100_000;

  private final SyncStatusTable table;
  private final IngestionClient ingestion;
  private final Clock clock;
  private final Set<ScheduledSync> schedules = ConcurrentHashMap.newKeySet();

  /**
   * @param tx the store's transaction runner
   * @param tables the store's table names
   * @param ingestion the store's ingestion, which every page goes through
   * @param clock the store's clock
   */
  public JdbiSyncClient(TransactionRunner tx, Tables tables, IngestionClient ingestion, Clock clock) {
    this.table = new SyncStatusTable(tx, tables);
    this.ingestion = ingestion;
    this.clock = clock;
  }

  @Override
  public SyncResult run(OrderSource source, int pageSize) {
    Objects.requireNonNull(source, "source");
    String name = Checks.id(source.name(), "source.name");
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw InvalidInputException.argument(
          "pageSize", "must be between 1 and " + MAX_PAGE_SIZE + " (was " + pageSize + ")");
    }
    Instant started = clock.instant();
    String token = UUID.randomUUID().toString();
    SyncStatusTable.Claim claim = table.claim(name, token, started, started.minus(ABANDONED_AFTER))
        .orElseThrow(() -> {
          Instant since = table.runningSince(name);
          return new SyncInProgressException(name, since != null ? since : started);
        });
    Progress progress = new Progress();
    try {
      pages(source, name, token, claim.watermark(), pageSize, progress);
    } catch (RuntimeException | Error e) {
      String error = Secrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
      try {
        table.finish(name, token, clock.instant(), SyncOutcome.FAILED, null, progress.pulled,
            progress.ingested.ordersWritten(), error);
      } catch (RuntimeException recording) {
        e.addSuppressed(recording);
      }
      LOG.debug("Sync of '{}' failed: {}", name, error);
      throw e;
    }
    Instant ended = clock.instant();
    if (!table.finish(name, token, ended, SyncOutcome.OK, progress.watermark, progress.pulled,
        progress.ingested.ordersWritten(), null)) {
      LOG.warn("Sync of '{}' ended after another run took the source over; its watermark was not recorded", name);
    }
    LOG.debug("Synced '{}': {} pages, {} orders pulled, {} written, watermark {}", name, progress.pages,
        progress.pulled, progress.ingested.ordersWritten(), progress.watermark);
    return new SyncResult(name, claim.watermark(), progress.watermark, progress.pages, progress.pulled,
        progress.ingested, Duration.between(started, ended));
  }

  /** What a run has done so far. */
  private static final class Progress {
    @Nullable String watermark;
    int pages;
    long pulled;
    IngestResult ingested = IngestResult.empty();
  }

  private void pages(
      OrderSource source, String name, String token, @Nullable String start, int pageSize, Progress progress) {
    progress.watermark = start;
    while (true) {
      OrderSource.Batch page = source.pull(progress.watermark, pageSize);
      if (page == null) {
        throw new InvalidInputException("source '" + name + "'", "pull", "returned null instead of a page");
      }
      if (page.hasMore() && Objects.equals(page.watermark(), progress.watermark)) {
        throw new InvalidInputException("source '" + name + "'", "watermark",
            "did not move on a page that says more follow (was '" + page.watermark() + "'): the next page would"
                + " be the same one");
      }
      IngestBatch batch = new IngestBatch(page.customers(), page.products(), page.orders());
      if (!batch.isEmpty()) {
        progress.ingested = progress.ingested.plus(ingestion.ingest(batch));
      }
      progress.pages++;
      progress.pulled += page.orders().size();
      progress.watermark = page.watermark();
      if (!page.hasMore()) {
        return;
      }
      if (!table.heartbeat(name, token, clock.instant())) {
        Instant since = table.runningSince(name);
        throw new SyncInProgressException(name, since != null ? since : clock.instant());
      }
    }
  }

  @Override
  public Optional<SyncStatus> status(String sourceName) {
    Objects.requireNonNull(sourceName, "sourceName");
    return table.read(sourceName);
  }

  @Override
  public List<SyncStatus> statuses() {
    return table.readAll();
  }

  @Override
  public SyncScheduler schedule(OrderSource source, Duration interval) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(interval, "interval");
    Checks.id(source.name(), "source.name");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw InvalidInputException.argument("interval", "must be at least 1 second (was " + interval + ")");
    }
    ScheduledSync schedule = new ScheduledSync(this, source, interval, schedules::remove);
    schedules.add(schedule);
    schedule.start();
    return schedule;
  }

  /** Stops every schedule, letting runs in progress finish. Called by the store's close. */
  public void stopSchedules() {
    for (ScheduledSync s : List.copyOf(schedules)) {
      s.close();
    }
  }
}

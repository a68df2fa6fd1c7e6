package dev.custintel.core.internal.sync;

import dev.custintel.core.internal.Secrets;
import dev.custintel.core.sync.OrderSource;
import dev.custintel.core.sync.SyncClient;
import dev.custintel.core.sync.SyncInProgressException;
import dev.custintel.core.sync.SyncScheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A source run on a daemon thread of its own, at a fixed delay between runs. Not API. */
final class ScheduledSync implements SyncScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSync.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private final SyncClient client;
  private final OrderSource source;
  private final Duration interval;
  private final Consumer<ScheduledSync> onClose;
  private final ScheduledExecutorService executor;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  ScheduledSync(SyncClient client, OrderSource source, Duration interval, Consumer<ScheduledSync> onClose) {
    this.client = client;
    this.source = source;
    this.interval = interval;
    this.onClose = onClose;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "custintel-sync-" + source.name());
      t.setDaemon(true);
      return t;
    });
  }

  void start() {
    executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One run; never throws, since a task that throws is never run again. */
  private void runOnce() {
    if (closed.get()) {
      return;
    }
    runs.incrementAndGet();
    try {
      client.run(source);
    } catch (SyncInProgressException e) {
      LOG.debug("Scheduled sync of '{}' skipped: {}", source.name(), e.getMessage());
    } catch (RuntimeException e) {
      // Already in the source's status; the next run comes on time.
      LOG.warn("Scheduled sync of '{}' failed: {}", source.name(), Secrets.mask(e.getMessage()));
    }
  }

  @Override
  public String source() {
    return source.name();
  }

  @Override
  public long runsStarted() {
    return runs.get();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Scheduled sync of '{}' still running {} s after it was stopped", source.name(),
            STOP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onClose.accept(this);
    }
  }
}

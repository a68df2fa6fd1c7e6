package dev.custintel.core.internal.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of the order tables current while orders come in. Not API.
 *
 * <p>Until a table is analysed the planner guesses its contents: on a shop of 100,000 customers and 1,038,785
 * orders it took a customer for 1,277 orders instead of 10 and read a profile's score by scanning the scores'
 * whole primary key (10.7 ms for the profile's first statement instead of 1.7 ms; measured 2026-12-06 with
 * {@code EXPLAIN ANALYZE}). Autovacuum analyses a table some time after it changed, or never where it is turned
 * off. So after each committed batch the store counts the orders it wrote; once they reach a tenth of the rows the
 * orders table had at the last analysis (at least {@value #MIN_CHANGES}), one background thread analyses the
 * orders, their lines, customers and products. Requests that arrive while it runs or waits are merged into it. A
 * failure is logged; the next threshold tries again.
 *
 * <p>The analyses take at most a tenth of the time: after one that took {@code d}, the next starts no sooner than
 * {@value #PAUSE_FACTOR}{@code  × d} later (autovacuum, likewise, analyses a table at most once per
 * {@code autovacuum_naptime}). An analysis samples up to 30,000 rows of each table whatever its size, about 0.25 s
 * of server CPU at 100,000 orders; without the pause a bulk import into a store of that size analysed every
 * 10,000 orders, which was two fifths of the server's CPU time for the import (issue 17). A threshold reached
 * during the pause is analysed when the pause ends, or when the store closes, whichever comes first.
 */
public final class PlannerStatistics implements AutoCloseable {
  /** The fewest written orders that start an analysis. */
  public static final long MIN_CHANGES = 10_000;
  /** After an analysis that took {@code d}, the next waits at least this many times {@code d}. */
  static final int PAUSE_FACTOR = 9;
  private static final double GROWTH = 0.1;
  private static final List<String> TABLES = List.of("orders", "order_lines", "customers", "products");
  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final TransactionRunner tx;
  private final Tables tables;
  private final long minimumPauseNanos;
  private final @Nullable ScheduledThreadPoolExecutor executor;
  private final AtomicLong changesSinceAnalysis = new AtomicLong();
  private final AtomicLong analyses = new AtomicLong();
  private volatile long threshold = MIN_CHANGES;
  /** The analysis waiting or running, if any. Guarded by {@code this}. */
  private @Nullable ScheduledFuture<?> scheduled;
  /** The {@link System#nanoTime()} before which no analysis starts. Guarded by {@code this}. */
  private long notBefore = System.nanoTime();
  /** Guarded by {@code this}. */
  private boolean closing;

  /**
   * @param enabled whether the database is PostgreSQL; otherwise nothing is ever analysed
   */
  public PlannerStatistics(TransactionRunner tx, Tables tables, boolean enabled) {
    this(tx, tables, enabled, Duration.ZERO);
  }

  /**
   * @param enabled whether the database is PostgreSQL; otherwise nothing is ever analysed
   * @param minimumPause the shortest wait between two analyses (the store's is zero: only the last analysis's
   *     duration sets it)
   */
  PlannerStatistics(TransactionRunner tx, Tables tables, boolean enabled, Duration minimumPause) {
    this.tx = tx;
    this.tables = tables;
    this.minimumPauseNanos = minimumPause.toNanos();
    if (enabled) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "custintel-analyse-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() runs a waiting one at once
      pool.setRemoveOnCancelPolicy(true);
      this.executor = pool;
    } else {
      this.executor = null;
    }
  }

  /** Called after a commit that wrote orders (inserted or updated). */
  public void ordersWritten(long orders) {
    if (executor == null || orders <= 0) {
      return;
    }
    if (changesSinceAnalysis.addAndGet(orders) >= threshold) {
      schedule();
    }
  }

  /** @return how many analyses completed, for tests and diagnostics */
  public long analyses() {
    return analyses.get();
  }

  /**
   * @param tookNanos how long an analysis took
   * @param minimumPauseNanos the shortest pause
   * @return how long the next one waits after it ended
   */
  static long pauseNanos(long tookNanos, long minimumPauseNanos) {
    return Math.max(minimumPauseNanos, tookNanos * PAUSE_FACTOR);
  }

  /** Starts an analysis when the pause after the last one ends, unless one is already waiting or running. */
  private synchronized void schedule() {
    if (scheduled != null || closing || executor == null) {
      return;
    }
    long delay = Math.max(0, notBefore - System.nanoTime());
    try {
      scheduled = executor.schedule(this::analyse, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) { // closing
      scheduled = null;
    }
  }

  private void analyse() {
    long start = System.nanoTime();
    try {
      changesSinceAnalysis.set(0); // writes during the analysis count towards the next one
      long rows = tx.withHandle("Analysing the order tables", h -> {
        for (String table : TABLES) {
          h.execute("ANALYZE " + tables.prefix() + table);
        }
        Long estimate = h.createQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = CAST(:t AS regclass)")
            .bind("t", tables.prefix() + "orders")
            .mapTo(Long.class)
            .findOne()
            .orElse(0L);
        return estimate;
      });
      threshold = Math.max(MIN_CHANGES, (long) (rows * GROWTH));
      analyses.incrementAndGet();
      LOG.debug("Analysed the order tables ({} orders) in {} ms; the next analysis after {} written orders",
          rows, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), threshold);
    } catch (RuntimeException e) {
      LOG.warn("Could not refresh the planner statistics of the order tables: {}", e.getMessage());
    } finally {
      long end = System.nanoTime();
      synchronized (this) { // after schedule() has stored this analysis's future, which it holds the lock for
        notBefore = end + pauseNanos(end - start, minimumPauseNanos);
        scheduled = null;
      }
    }
    if (changesSinceAnalysis.get() >= threshold) {
      schedule(); // the writes during the analysis reached the threshold and may be the last ones
    }
  }

  /**
   * Stops analysing. An analysis waiting for its pause to end runs now, so that the statistics include the last
   * writes; a running one finishes. Waits at most 10 seconds for either: a database that went away during the
   * pause costs the close at most those 10 seconds and a logged warning, not a hang.
   */
  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    boolean runNow;
    synchronized (this) {
      closing = true;
      ScheduledFuture<?> waiting = scheduled;
      runNow = waiting != null && waiting.cancel(false); // false when it has started
      if (runNow) {
        scheduled = null;
      }
    }
    if (runNow) {
      executor.execute(this::analyse);
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("An analysis of the order tables was still running when the store closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.custintel.core.internal.ingest;

import dev.custintel.core.CustintelException;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes an import's batches, on the calling thread or on a few writer threads while the caller goes on reading
 * the file. At most twice as many batches as writers are in flight, so memory stays bounded by batches, not by
 * the file. The first failure stops further writes and is rethrown by {@link #submit} or {@link #finish}: any
 * throwable, an {@link Error} such as {@link OutOfMemoryError} too, so that an import never reports success after
 * losing a batch. Not API.
 */
final class BatchPipeline implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Function<IngestBatch, IngestResult> ingest;
  private final Consumer<IngestResult> onCommitted;
  private final @Nullable ExecutorService executor;
  private final Semaphore inFlight;
  private final int permits;
  private volatile @Nullable Throwable failure;

  /**
   * @param onCommitted called after each committed batch, one call at a time
   */
  BatchPipeline(int writers, Function<IngestBatch, IngestResult> ingest, Consumer<IngestResult> onCommitted) {
    this.ingest = ingest;
    this.onCommitted = onCommitted;
    this.permits = writers * 2;
    this.inFlight = new Semaphore(permits);
    if (writers == 1) {
      this.executor = null;
    } else {
      int pool = POOLS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      this.executor = Executors.newFixedThreadPool(writers, r -> {
        Thread t = new Thread(r, "custintel-import-" + pool + "-writer-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  void submit(IngestBatch batch) {
    throwIfFailed();
    if (executor == null) {
      IngestResult result;
      try {
        result = ingest.apply(batch);
      } catch (RuntimeException e) {
        throw e;
      } catch (Error e) { // on this thread too the import must fail as a typed exception (issue 11, D2)
        throw asFailure(e);
      }
      committed(result);
      return;
    }
    acquire(1);
    throwIfFailedReleasing();
    executor.execute(() -> {
      try {
        if (failure == null) {
          committed(ingest.apply(batch));
        }
      } catch (Throwable e) { // an Error too: a writer that dies must fail the import (issue 11, D2)
        synchronized (this) {
          if (failure == null) {
            failure = e;
          }
        }
      } finally {
        inFlight.release();
      }
    });
  }

  /** Waits for every submitted batch and rethrows the first failure. */
  void finish() {
    if (executor != null) {
      acquire(permits);
      inFlight.release(permits);
    }
    throwIfFailed();
  }

  /** Waits until no batch is being written, without rethrowing a failure: after one, to report what committed. */
  void awaitWrites() {
    if (executor != null) {
      acquire(permits);
      inFlight.release(permits);
    }
  }

  private synchronized void committed(IngestResult result) {
    onCommitted.accept(result);
  }

  private void acquire(int n) {
    try {
      inFlight.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("Interrupted while importing", e);
    }
  }

  private void throwIfFailedReleasing() {
    if (failure != null) {
      inFlight.release();
      throwIfFailed();
    }
  }

  private void throwIfFailed() {
    Throwable e = failure;
    if (e instanceof CustintelException ce) {
      throw ce;
    }
    if (e != null) {
      throw asFailure(e);
    }
  }

  private static DataAccessException asFailure(Throwable e) {
    String what = e instanceof Error ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
    return new DataAccessException("Importing failed: " + what, e);
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

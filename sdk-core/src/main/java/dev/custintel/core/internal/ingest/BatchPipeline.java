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
 * losing a batch. Every batch submitted before the failed one is still written, whichever writer thread reaches
 * it first, so that after a failure everything before the failed batch is committed (or failed too): a writer
 * that dequeued an earlier batch but had not yet started it used to skip it. Not API.
 */
final class BatchPipeline implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Function<IngestBatch, IngestResult> ingest;
  private final Consumer<IngestResult> onCommitted;
  private final @Nullable ExecutorService executor;
  private final Semaphore inFlight;
  private final int permits;
  private volatile @Nullable Throwable failure;
  /** The sequence number of the first batch that failed; later batches not yet started are skipped. */
  private long failedSequence = Long.MAX_VALUE;
  private long submitted;

  /**
   * @param onCommitted called after each committed batch, one call at a time
   */
  BatchPipeline(int writers, Function<IngestBatch, IngestResult> ingest, Consumer<IngestResult> onCommitted) {
    this(writers, writers == 1 ? null : writerThreads(writers), ingest, onCommitted);
  }

  /** For tests: the writers' executor decides which batch runs when. */
  BatchPipeline(int writers, @Nullable ExecutorService executor, Function<IngestBatch, IngestResult> ingest,
      Consumer<IngestResult> onCommitted) {
    this.ingest = ingest;
    this.onCommitted = onCommitted;
    this.permits = writers * 2;
    this.inFlight = new Semaphore(permits);
    this.executor = executor;
  }

  private static ExecutorService writerThreads(int writers) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return Executors.newFixedThreadPool(writers, r -> {
      Thread t = new Thread(r, "custintel-import-" + pool + "-writer-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
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
    long sequence = submitted++;
    executor.execute(() -> {
      try {
        if (beforeFailure(sequence)) {
          committed(ingest.apply(batch));
        }
      } catch (Throwable e) { // an Error too: a writer that dies must fail the import (issue 11, D2)
        synchronized (this) {
          if (failure == null || sequence < failedSequence) { // the earliest failure in file order is reported
            failure = e;
            failedSequence = sequence;
          }
        }
      } finally {
        inFlight.release();
      }
    });
  }

  /** @return whether the batch comes before every batch that failed so far, and so must still be written */
  private synchronized boolean beforeFailure(long sequence) {
    return sequence < failedSequence;
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

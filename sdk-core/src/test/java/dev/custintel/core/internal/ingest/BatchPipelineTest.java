package dev.custintel.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPipelineTest {
  private static final IngestBatch EMPTY = IngestBatch.ofOrders(List.of());

  @Test
  void submit_severalWriters_commitsEveryBatchAndReportsOneAtATime() {
    AtomicInteger concurrentCallbacks = new AtomicInteger();
    List<Integer> maxSeen = new ArrayList<>();
    List<IngestResult> committed = new ArrayList<>();
    try (BatchPipeline p = new BatchPipeline(3, b -> new IngestResult(1, 0, 0, 0, 0, 2), r -> {
      maxSeen.add(concurrentCallbacks.incrementAndGet());
      committed.add(r);
      concurrentCallbacks.decrementAndGet();
    })) {
      for (int i = 0; i < 50; i++) {
        p.submit(EMPTY);
      }
      p.finish();
    }
    assertThat(committed).hasSize(50);
    assertThat(maxSeen).containsOnly(1);
  }

  @Test
  void submit_writerFails_stopsAndRethrowsTheFirstFailure() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger callsAfterFailure = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    RuntimeException boom = InvalidInputException.argument("orders", "boom");
    BatchPipeline p = new BatchPipeline(2, b -> {
      if (failed.get()) {
        callsAfterFailure.incrementAndGet();
      }
      if (calls.incrementAndGet() == 3) {
        failed.set(true);
        throw boom;
      }
      sleep(); // a batch takes a while, as a real one does
      return IngestResult.empty();
    }, r -> {});
    assertThatThrownBy(() -> {
          for (int i = 0; i < 1_000; i++) {
            p.submit(EMPTY);
          }
          p.finish();
        })
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("boom");
    p.close();
    // after the failure, at most the batches already handed to a writer (2 writers x 2 in flight) still ran
    assertThat(callsAfterFailure.get()).isLessThanOrEqualTo(4);
    assertThat(calls.get()).isLessThan(1_000);
  }

  /**
   * CI on 2026-12-06: a lenient import whose 26th batch the database refused committed only 24 batches. A writer
   * had dequeued batch 25 but not started it when the other writer's batch 26 failed, and so skipped it: lines
   * neither written nor reported. Here the executor runs the later batch first, as that scheduling did.
   */
  @Test
  void finish_aLaterBatchFailsBeforeAnEarlierOneStarts_theEarlierOneIsStillWritten() {
    List<Runnable> queued = new ArrayList<>();
    java.util.concurrent.ExecutorService manual = new java.util.concurrent.AbstractExecutorService() {
      @Override
      public void execute(Runnable command) {
        queued.add(command);
      }

      @Override
      public void shutdown() { }

      @Override
      public List<Runnable> shutdownNow() {
        return List.of();
      }

      @Override
      public boolean isShutdown() {
        return false;
      }

      @Override
      public boolean isTerminated() {
        return false;
      }

      @Override
      public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
        return true;
      }
    };
    IngestBatch first = IngestBatch.ofOrders(List.of());
    IngestBatch second = IngestBatch.ofOrders(List.of());
    IngestBatch third = IngestBatch.ofOrders(List.of());
    List<IngestBatch> written = new ArrayList<>();
    try (BatchPipeline p = new BatchPipeline(2, manual, b -> {
      if (b == second) {
        throw new DataAccessException("refused", new java.sql.SQLException("check constraint"));
      }
      written.add(b);
      return new IngestResult(1, 0, 0, 0, 0, 1);
    }, r -> {})) {
      p.submit(first);
      p.submit(second);
      p.submit(third);
      queued.get(1).run(); // the second batch fails first
      queued.get(0).run();
      queued.get(2).run();
      assertThatThrownBy(p::finish).isInstanceOf(DataAccessException.class).hasMessageContaining("refused");
    }
    assertThat(written).as("batches written").containsExactly(first);
  }

  private static void sleep() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void finish_unexpectedFailure_isWrappedAsDataAccess() {
    try (BatchPipeline p = new BatchPipeline(1, b -> {
      throw new IllegalStateException("driver exploded");
    }, r -> {})) {
      assertThatThrownBy(() -> p.submit(EMPTY)).isInstanceOf(IllegalStateException.class);
    }
    try (BatchPipeline p = new BatchPipeline(2, b -> {
      throw new IllegalStateException("driver exploded");
    }, r -> {})) {
      p.submit(EMPTY);
      assertThatThrownBy(p::finish).isInstanceOf(DataAccessException.class).hasMessageContaining("driver exploded");
    }
  }

  /** Issue 11, D2: an Error in a writer thread (an OutOfMemoryError under a small heap) was swallowed. */
  @Test
  void finish_writerThrowsAnError_failsTheImport() {
    AtomicInteger calls = new AtomicInteger();
    List<IngestResult> committed = new ArrayList<>();
    BatchPipeline p = new BatchPipeline(2, b -> {
      if (calls.incrementAndGet() == 3) {
        throw new OutOfMemoryError("injected");
      }
      return new IngestResult(1, 0, 0, 0, 0, 1);
    }, committed::add);
    assertThatThrownBy(() -> {
          for (int i = 0; i < 20; i++) {
            p.submit(EMPTY);
          }
          p.finish();
        })
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("OutOfMemoryError")
        .hasMessageContaining("injected")
        .hasCauseInstanceOf(OutOfMemoryError.class);
    p.close();
    assertThat(committed.size()).isLessThan(20);
  }

  @Test
  void submit_singleWriterThrowsAnError_failsAsDataAccess() {
    try (BatchPipeline p = new BatchPipeline(1, b -> {
      throw new StackOverflowError("injected");
    }, r -> {})) {
      assertThatThrownBy(() -> p.submit(EMPTY))
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("StackOverflowError")
          .hasCauseInstanceOf(StackOverflowError.class);
    }
  }

  @Test
  void importFile_writerThrowsAnError_throwsInsteadOfReportingSuccess(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("orders.csv");
    StringBuilder csv = new StringBuilder("order_id,customer_id,placed_at,product_id,quantity,unit_price,currency\n");
    for (int o = 0; o < 100; o++) {
      csv.append("O-").append(o).append(",C-").append(o % 7).append(",2024-01-02,P-1,1,2.50,EUR\n");
    }
    Files.writeString(file, csv);
    AtomicInteger batches = new AtomicInteger();
    FileImporter importer = new FileImporter((batch, hashes) -> {
      if (batches.incrementAndGet() == 4) {
        throw new OutOfMemoryError("injected");
      }
      return new IngestResult(batch.orders().size(), 0, 0, 0, 0, batch.orders().size());
    });

    assertThatThrownBy(() -> importer.run(file, ImportFormat.ORDERS_CSV,
            ImportOptions.defaults().withWriters(2).withBatchSize(10)))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("OutOfMemoryError");
  }
}

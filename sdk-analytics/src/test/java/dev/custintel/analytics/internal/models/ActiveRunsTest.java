package dev.custintel.analytics.internal.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActiveRunsTest {

  @Test
  void threadsAskingForTheSameRunAtOnce_loadItOnce() throws Exception {
    int threads = 8;
    AtomicInteger loads = new AtomicInteger();
    ActiveRuns active = new ActiveRuns(null, runId -> {
      loads.incrementAndGet();
      // Slow enough that every thread asks while the first load is still running.
      sleep(300);
      return new ActiveRuns.RunModels(null, null);
    });
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ActiveRuns.RunModels>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return active.models(7);
        }));
      }
      ActiveRuns.RunModels first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<ActiveRuns.RunModels> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void aRunAlreadyLoaded_isNotLoadedAgain() {
    AtomicInteger loads = new AtomicInteger();
    ActiveRuns active = new ActiveRuns(null, runId -> {
      loads.incrementAndGet();
      return new ActiveRuns.RunModels(null, null);
    });
    active.models(1);
    active.models(1);
    active.models(2);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aMissingRun_throwsNotFoundUnwrapped() {
    ActiveRuns active = new ActiveRuns(null, runId -> ActiveRuns.load(id -> Optional.empty(), runId));
    assertThatThrownBy(() -> active.models(42))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessageContaining("model run")
        .hasMessageContaining("42");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

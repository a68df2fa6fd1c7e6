package dev.custintel.core.internal.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.internal.store.StoreMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProfileCacheTest {
  private final ProfileCache cache =
      new ProfileCache(100, Duration.ofMinutes(5), new StoreMetrics(new SimpleMeterRegistry(), "t_"));

  /** A profile told apart by its number of orders. */
  private static CustomerProfile profile(long orders) {
    return new CustomerProfile("C1", null, null, null, null, orders, 0, null, null, 0, null, null, null, null,
        List.of(), List.of(), Instant.EPOCH, null);
  }

  @Test
  void invalidateAll_dropsEveryProfile() {
    AtomicInteger loads = new AtomicInteger();
    cache.get("C1", id -> profile(loads.incrementAndGet()));
    cache.get("C1", id -> profile(loads.incrementAndGet()));
    assertThat(loads).hasValue(1);

    cache.invalidateAll();

    assertThat(cache.get("C1", id -> profile(loads.incrementAndGet())).orders()).isEqualTo(2);
  }

  @Test
  void invalidateAll_duringALoad_discardsWhatThatLoadRead() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<CustomerProfile> before = CompletableFuture.supplyAsync(() -> cache.get("C1", id -> {
      loading.countDown(); // has read the old data...
      await(release);
      return profile(1);
    }));
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

    cache.invalidateAll(); // ...when the new run is activated
    release.countDown();
    assertThat(before.get(10, TimeUnit.SECONDS).orders()).isEqualTo(1); // that call overlapped the activation

    assertThat(cache.get("C1", id -> profile(2)).orders()).isEqualTo(2);
    assertThat(cache.get("C1", id -> profile(3)).orders()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

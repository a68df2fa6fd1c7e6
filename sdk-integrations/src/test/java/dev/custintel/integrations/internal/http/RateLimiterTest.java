package dev.custintel.integrations.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Both ways of asking: reserve (Gorgias: queue and wait) and tryTake (Slack: refuse). No real time passes. */
class RateLimiterTest {
  private final FakeTime time = new FakeTime();

  private static void reserveWithoutWaiting(RateLimiter limiter, int places) {
    for (int i = 0; i < places; i++) {
      assertThat(limiter.reserve()).as("place %d", i + 1).isZero();
    }
  }

  @Test
  void reserve_overCapacity_queuesEachExtraRequestOneDripLater() {
    RateLimiter limiter = new RateLimiter(4, Duration.ofSeconds(2), time);

    reserveWithoutWaiting(limiter, 4);

    // Without anyone sleeping, later callers queue behind the earlier ones: 500 ms, 1 s, 1.5 s.
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(1000));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void reserve_afterTimePasses_drainsInProportion() {
    RateLimiter limiter = new RateLimiter(4, Duration.ofSeconds(2), time);
    reserveWithoutWaiting(limiter, 4);

    time.advance(Duration.ofMillis(1000));

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void reserve_gorgiasDefault_41stWithin20SecondsWaitsOneDrip() {
    RateLimiter limiter = new RateLimiter(40, Duration.ofSeconds(20), time);
    reserveWithoutWaiting(limiter, 40);
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void reserve_clockSetBack_neitherDrainsNorFails() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), time);
    limiter.reserve();

    time.advance(Duration.ofSeconds(-30));

    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter).hasToString("RateLimiter[1 per PT1S]");
  }

  @Test
  void tryTake_onePerMinute_fullAtStart_thenRefillsEvenly() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), time);

    assertThat(limiter.tryTake()).isZero();
    assertThat(limiter.tryTake()).isEqualTo(Duration.ofMinutes(1));
    time.advance(Duration.ofSeconds(40));
    assertThat(limiter.tryTake()).isEqualTo(Duration.ofSeconds(20));
    time.advance(Duration.ofSeconds(20));
    assertThat(limiter.tryTake()).isZero();
  }

  @Test
  void tryTake_refillNeverExceedsCapacity() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), time);
    time.advance(Duration.ofHours(1));

    assertThat(limiter.tryTake()).isZero();
    assertThat(limiter.tryTake()).isZero();
    assertThat(limiter.tryTake()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void tryTake_refused_takesNothing_unlikeReserve() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), time);
    limiter.tryTake();

    // Refusals do not push the next free place further out...
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryTake()).isEqualTo(Duration.ofMinutes(1));
    }
    // ...while a reservation takes it, so the one after waits a period more.
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMinutes(1));
    assertThat(limiter.tryTake()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void badCapacityOrPeriod_rejected() {
    assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1), time))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO, time)).isInstanceOf(IllegalArgumentException.class);
  }
}

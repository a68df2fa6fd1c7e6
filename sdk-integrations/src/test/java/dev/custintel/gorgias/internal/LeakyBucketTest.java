package dev.custintel.gorgias.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakyBucketTest {

  @Test
  void reserve_overCapacity_queuesEachExtraRequestOneDripLater() {
    FakeTime time = new FakeTime();
    LeakyBucket bucket = new LeakyBucket(4, Duration.ofSeconds(2), time);

    for (int i = 0; i < 4; i++) {
      assertThat(bucket.reserve()).isZero();
    }

    // Without anyone sleeping, later callers queue behind the earlier ones: 500 ms, 1 s, 1.5 s.
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1000));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void reserve_afterTimePasses_drainsInProportion() {
    FakeTime time = new FakeTime();
    LeakyBucket bucket = new LeakyBucket(4, Duration.ofSeconds(2), time);
    for (int i = 0; i < 4; i++) {
      bucket.reserve();
    }

    time.advance(Duration.ofMillis(1000));

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void reserve_clockSetBack_neitherDrainsNorFails() {
    FakeTime time = new FakeTime();
    LeakyBucket bucket = new LeakyBucket(1, Duration.ofSeconds(1), time);
    bucket.reserve();

    time.advance(Duration.ofSeconds(-30));

    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket).hasToString("LeakyBucket[1 per PT1S]");
  }
}

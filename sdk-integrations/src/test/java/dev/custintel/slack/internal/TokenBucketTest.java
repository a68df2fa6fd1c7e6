package dev.custintel.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void onePerMinute_fullAtStart_thenRefillsEvenly() {
    FakeTime time = new FakeTime();
    TokenBucket bucket = new TokenBucket(1, Duration.ofMinutes(1), time);

    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofMinutes(1));
    time.advance(Duration.ofSeconds(40));
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(20));
    time.advance(Duration.ofSeconds(20));
    assertThat(bucket.tryTake()).isZero();
  }

  @Test
  void refillNeverExceedsCapacity() {
    FakeTime time = new FakeTime();
    TokenBucket bucket = new TokenBucket(2, Duration.ofMinutes(1), time);
    time.advance(Duration.ofHours(1));

    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(30));
  }
}

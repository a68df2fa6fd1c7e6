package dev.custintel.integrations.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(double jitter) {
    return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), () -> jitter);
  }

  @Test
  void backoff_doublesUpToTheCeilingWithJitterInTheUpperHalf() {
    assertThat(policy(0.0).backoff(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy(0.999).backoff(1)).isEqualTo(Duration.ofMillis(499));
    assertThat(policy(0.0).backoff(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy(0.5).backoff(3)).isEqualTo(Duration.ofMillis(1500));
    assertThat(policy(0.0).backoff(5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy(0.0).backoff(40)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy(0.0).maxAttempts()).isEqualTo(4);
  }

  @Test
  void withJitter_staysWithinBounds() {
    RetryPolicy p = RetryPolicy.withJitter(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1));
    for (int i = 0; i < 100; i++) {
      assertThat(p.backoff(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }
}

package dev.custintel.integrations.internal.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How many times to retry and how long to wait. Backoff with "equal jitter": the n-th retry waits
 * {@code c/2 + U(0, c/2)} where {@code c = min(max, initial * 2^(n-1))}, so waits grow but retries of many clients
 * do not line up. Not API.
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoff ceiling of the first retry's wait
 * @param maxBackoff ceiling of any retry's wait
 * @param maxRetryAfter the longest {@code Retry-after} waited out
 * @param jitter uniform numbers in [0, 1)
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, DoubleSupplier jitter) {

  public static RetryPolicy withJitter(
      int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    return new RetryPolicy(
        maxRetries, initialBackoff, maxBackoff, maxRetryAfter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @return attempts in all, the first included */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * @param retry 1 for the first retry
   * @return how long to wait before it
   */
  public Duration backoff(int retry) {
    long ceiling = initialBackoff.toMillis() << Math.min(retry - 1, 20);
    ceiling = Math.min(ceiling, maxBackoff.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (jitter.getAsDouble() * (ceiling - half)));
  }
}

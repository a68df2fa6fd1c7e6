package dev.custintel.integrations;

import java.time.Duration;

/**
 * Waits. The Gorgias and Slack clients wait between retries, for a {@code Retry-After}, and (Gorgias) when their
 * own rate limiter says so, always through the sleeper their builder was given. Production code keeps the default,
 * {@link #system()}; tests pass a sleeper that records the durations and advances a fake clock instead of
 * sleeping, so that retry and rate-limit behaviour is checked without real waits.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * GorgiasClient client = GorgiasClient.builder()...sleeper(waits::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks for {@code duration}.
   *
   * @param duration how long to wait, zero or more
   * @throws InterruptedException if the thread is interrupted while waiting; the clients then restore the
   *     interrupt flag and fail the call
   */
  void sleep(Duration duration) throws InterruptedException;

  /** @return a sleeper that calls {@link Thread#sleep(long)} */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}

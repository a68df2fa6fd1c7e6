package dev.custintel.gorgias;

import java.time.Duration;

/**
 * Waits. The client waits between retries and when its rate limiter says so; tests pass a sleeper that records
 * the durations and advances a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks for {@code duration}.
   *
   * @param duration how long to wait, zero or more
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** @return a sleeper that calls {@link Thread#sleep(long)} */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}

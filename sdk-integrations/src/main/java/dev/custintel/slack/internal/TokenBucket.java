package dev.custintel.slack.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit that never waits: {@link #tryTake()} takes a place if there is one and otherwise says how long
 * until there will be. At most {@code capacity} requests in any {@code period}, as a burst or spread out; places
 * free up evenly, one every {@code period / capacity}. Kept as the generic cell rate algorithm's "theoretical
 * arrival time", in whole nanoseconds, so the waits are exact. Time comes from the injected clock. Not API.
 */
final class TokenBucket {
  private final long interval;
  private final long period;
  private final Clock clock;
  private long theoreticalArrival;

  TokenBucket(int capacity, Duration period, Clock clock) {
    this.period = period.toNanos();
    this.interval = Math.max(1, this.period / capacity);
    this.clock = clock;
    this.theoreticalArrival = nanos();
  }

  /** @return zero if a place was taken; otherwise how long until one is free (nothing taken) */
  synchronized Duration tryTake() {
    long now = nanos();
    long next = Math.max(theoreticalArrival, now) + interval;
    long ahead = next - now - period;
    if (ahead > 0) {
      return Duration.ofNanos(ahead);
    }
    theoreticalArrival = next;
    return Duration.ZERO;
  }

  private long nanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}

package dev.custintel.integrations.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-side rate limit: at most {@code capacity} requests in any {@code period}, as a burst or spread out,
 * places freeing up evenly, one every {@code period / capacity} (Gorgias: 40 per 20 s, one every 500 ms; Slack's
 * conversation reads: 1 per minute). Kept as the generic cell rate algorithm's "theoretical arrival time" in whole
 * nanoseconds, so waits are exact and nothing drifts; this is the same meter as a leaky bucket of that capacity and
 * drain rate.
 *
 * <p>Two ways to ask, because the clients differ in what a full limit means: {@link #reserve()} always takes a
 * place, queueing behind earlier callers, and says how long to wait for it (Gorgias waits); {@link #tryTake()}
 * takes a place only if one is free now and otherwise says how long until one is (Slack refuses the call).
 *
 * <p>Time comes from the injected clock, so tests move it by hand. A clock set back is treated as standing still
 * (the limiter never sees time run backwards), so it neither frees places nor makes a caller wait longer. Thread-safe.
 * Not API.
 */
public final class RateLimiter {
  private final int capacity;
  private final Duration period;
  private final long periodNanos;
  private final long interval;
  private final Clock clock;
  private long theoreticalArrival;
  private long latestNow;

  /**
   * @param capacity requests allowed in any period, at least 1
   * @param period the period, positive
   * @param clock where time comes from
   */
  public RateLimiter(int capacity, Duration period, Clock clock) {
    if (capacity < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("capacity " + capacity + " per " + period);
    }
    this.capacity = capacity;
    this.period = period;
    this.periodNanos = period.toNanos();
    this.interval = Math.max(1, periodNanos / capacity);
    this.clock = clock;
    this.latestNow = nanos(clock.instant());
    this.theoreticalArrival = latestNow;
  }

  /** Takes a place, queueing behind earlier reservations; returns how long to wait before sending (zero if none). */
  public synchronized Duration reserve() {
    long now = now();
    theoreticalArrival = Math.max(theoreticalArrival, now) + interval;
    return Duration.ofNanos(Math.max(0, theoreticalArrival - now - periodNanos));
  }

  /** Takes a place if one is free now: returns zero; otherwise takes nothing and returns how long until one is. */
  public synchronized Duration tryTake() {
    long now = now();
    long next = Math.max(theoreticalArrival, now) + interval;
    long ahead = next - now - periodNanos;
    if (ahead > 0) {
      return Duration.ofNanos(ahead);
    }
    theoreticalArrival = next;
    return Duration.ZERO;
  }

  private long now() {
    // The clock's instant rather than System.nanoTime(), so that tests can move time; never backwards (see class).
    latestNow = Math.max(latestNow, nanos(clock.instant()));
    return latestNow;
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Override
  public String toString() {
    return "RateLimiter[" + capacity + " per " + period + "]";
  }
}

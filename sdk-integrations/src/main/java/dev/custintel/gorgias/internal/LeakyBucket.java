package dev.custintel.gorgias.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * A leaky bucket as a meter: it holds at most {@code capacity} requests and drains evenly, {@code capacity} per
 * {@code window} (40 per 20 s: one every 500 ms). A request that finds it full reserves the next free place and
 * is told how long to wait for it, so concurrent callers queue in order. Time comes from the injected clock.
 * Not API.
 */
final class LeakyBucket {
  private final int capacity;
  private final double nanosPerRequest;
  private final Clock clock;
  private double level;
  private long lastNanos;

  LeakyBucket(int capacity, Duration window, Clock clock) {
    this.capacity = capacity;
    this.nanosPerRequest = (double) window.toNanos() / capacity;
    this.clock = clock;
    this.lastNanos = nanos();
  }

  /** Takes a place in the bucket; returns how long to wait before sending (zero when there was room). */
  synchronized Duration reserve() {
    long now = nanos();
    if (now > lastNanos) {
      level = Math.max(0, level - (now - lastNanos) / nanosPerRequest);
      lastNanos = now;
    }
    level += 1;
    double excess = level - capacity;
    return excess <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(excess * nanosPerRequest));
  }

  private long nanos() {
    // The clock's instant, not System.nanoTime(), so that tests can move time; a clock set back just waits.
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Override
  public String toString() {
    return "LeakyBucket[" + capacity + " per " + Duration.ofNanos((long) (nanosPerRequest * capacity)) + "]";
  }
}

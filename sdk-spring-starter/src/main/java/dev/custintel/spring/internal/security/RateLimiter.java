package dev.custintel.spring.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: it holds a minute's worth of requests and refills continuously, so that a key may burst
 * up to its per-minute limit and then sustain it. Buckets of keys unused for ten minutes are dropped. Thread-safe.
 */
public final class RateLimiter {
  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoTime;
  private final Cache<String, Bucket> buckets;

  /**
   * @param requestsPerMinute the limit, at least 1
   * @param nanoTime the time source, {@code System::nanoTime} outside tests
   */
  public RateLimiter(int requestsPerMinute, LongSupplier nanoTime) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "custintel.security.rate-limit.requests-per-minute must be at least 1 (was " + requestsPerMinute + ")");
    }
    this.capacity = requestsPerMinute;
    this.tokensPerNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
    this.nanoTime = nanoTime;
    this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
  }

  /**
   * Takes one request from the key's bucket.
   *
   * @param key the key's id
   * @return 0 when the request may go ahead, else the whole seconds (at least 1) until it could
   */
  public long acquire(String key) {
    Bucket bucket = buckets.get(key, k -> new Bucket(capacity, nanoTime.getAsLong()));
    synchronized (bucket) {
      long now = nanoTime.getAsLong();
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * tokensPerNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      double nanos = (1 - bucket.tokens) / tokensPerNano;
      return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}

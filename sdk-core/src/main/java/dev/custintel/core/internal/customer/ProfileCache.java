package dev.custintel.core.internal.customer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.internal.store.StoreMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Profiles by customer id, in a Caffeine cache bounded by size and age. Ingestion invalidates a customer's entry
 * after its transaction commits; a load racing with that commit is discarded too, because Caffeine's invalidate
 * waits for an in-flight load of the same key. Not API.
 *
 * <p>Dropping every entry ({@link #invalidateAll()}, after a model run is activated) does not wait for in-flight
 * loads: Caffeine's {@code invalidateAll()} only removes what is present. So entries carry the generation they were
 * loaded in, and {@link #invalidateAll()} starts a new one: an entry from an older generation (a load that began
 * before the invalidation and may have read the old data) is discarded and loaded again when it is read.
 */
public final class ProfileCache {
  private final @Nullable Cache<String, Entry> cache;
  private final AtomicLong generation = new AtomicLong();

  /** A profile and the generation current when its load began. */
  private record Entry(long generation, CustomerProfile profile) {}

  public ProfileCache(long maximumSize, Duration ttl, StoreMetrics metrics) {
    if (maximumSize == 0) {
      this.cache = null;
    } else {
      this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).recordStats().build();
      metrics.bindCache("profiles", cache);
    }
  }

  CustomerProfile get(String customerId, Function<String, CustomerProfile> loader) {
    if (cache == null) {
      return loader.apply(customerId);
    }
    while (true) {
      long current = generation.get();
      Entry e = cache.get(customerId, id -> new Entry(current, loader.apply(id)));
      if (e.generation() >= current) {
        return e.profile();
      }
      cache.asMap().remove(customerId, e); // loaded before an invalidateAll(): maybe stale
    }
  }

  /** Drops the given customers' profiles. */
  public void invalidateAll(Collection<String> customerIds) {
    if (cache != null && !customerIds.isEmpty()) {
      cache.invalidateAll(customerIds);
    }
  }

  /** Drops every profile, including those being loaded now. */
  public void invalidateAll() {
    if (cache != null) {
      generation.incrementAndGet();
      cache.invalidateAll();
    }
  }

  /** @return entries held (approximate) */
  public long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}

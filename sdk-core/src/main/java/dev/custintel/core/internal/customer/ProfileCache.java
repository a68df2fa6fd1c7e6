package dev.custintel.core.internal.customer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.internal.store.StoreMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Profiles by customer id, in a Caffeine cache bounded by size and age. Ingestion invalidates a customer's entry
 * after its transaction commits; a load racing with that commit is discarded too, because Caffeine's invalidate
 * waits for an in-flight load of the same key. Not API.
 */
public final class ProfileCache {
  private final @Nullable Cache<String, CustomerProfile> cache;

  public ProfileCache(long maximumSize, Duration ttl, StoreMetrics metrics) {
    if (maximumSize == 0) {
      this.cache = null;
    } else {
      this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).recordStats().build();
      metrics.bindCache("profiles", cache);
    }
  }

  CustomerProfile get(String customerId, Function<String, CustomerProfile> loader) {
    return cache == null ? loader.apply(customerId) : cache.get(customerId, loader);
  }

  /** Drops the given customers' profiles. */
  public void invalidateAll(Collection<String> customerIds) {
    if (cache != null && !customerIds.isEmpty()) {
      cache.invalidateAll(customerIds);
    }
  }

  /** Drops every profile. */
  public void clear() {
    if (cache != null) {
      cache.invalidateAll();
    }
  }

  /** @return entries held (approximate) */
  public long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}

package dev.custintel.core.internal.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.custintel.core.internal.store.StoreMetrics;
import dev.custintel.core.keys.ApiKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keys that verified, by hash, in a Caffeine cache bounded by size and age (expire after write, so a key revoked
 * elsewhere is refused within the time to live). Only accepted keys are kept: a loader that finds nothing returns
 * null, which Caffeine does not store. Not API.
 *
 * <p>Revocation through the same client drops the key's entry after its transaction commits. A load racing with
 * that commit cannot leave a stale entry: Caffeine's {@code invalidate} waits for an in-flight load of the same key
 * and removes its result, and a load that starts after the commit no longer finds the key active.
 */
final class VerifiedKeys {
  private final @Nullable Cache<String, Entry> cache;

  /** An accepted key: its metadata, its stored hash and when it was last used, as far as this process knows. */
  static final class Entry {
    private final ApiKey key;
    private final String hash;
    private @Nullable Instant lastUsed;

    Entry(ApiKey key, String hash) {
      this.key = key;
      this.hash = hash;
      this.lastUsed = key.lastUsedAt();
    }

    String hash() {
      return hash;
    }

    String id() {
      return key.id();
    }

    /**
     * @param now the time of an accepted use
     * @param interval how often at most the use is written
     * @return whether this use is to be written: the first, or the first {@code interval} after the last written
     */
    synchronized boolean claimTouch(Instant now, Duration interval) {
      if (lastUsed != null && now.isBefore(lastUsed.plus(interval))) {
        return false;
      }
      lastUsed = now;
      return true;
    }

    /** @return the key's metadata with the last use this process knows of */
    synchronized ApiKey key() {
      return new ApiKey(key.id(), key.name(), key.scopes(), key.lookupId(), key.createdAt(), lastUsed,
          key.revokedAt());
    }
  }

  VerifiedKeys(long maximumSize, Duration ttl, StoreMetrics metrics) {
    if (maximumSize == 0) {
      this.cache = null;
    } else {
      this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).recordStats().build();
      metrics.bindCache("api-keys", cache);
    }
  }

  /**
   * @param hash the presented key's hash
   * @param loader finds the active key with that hash, or returns null
   * @return the entry, or null when the key is not valid
   */
  @Nullable Entry get(String hash, Function<String, @Nullable Entry> loader) {
    if (cache == null) {
      return loader.apply(hash);
    }
    return cache.get(hash, loader);
  }

  /** Drops the entry of the key with that hash, waiting for a load of it in flight. */
  void invalidate(String hash) {
    if (cache != null) {
      cache.invalidate(hash);
    }
  }
}

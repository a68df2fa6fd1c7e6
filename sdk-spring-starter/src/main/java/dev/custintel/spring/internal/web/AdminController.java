package dev.custintel.spring.internal.web;

import dev.custintel.CustomerIntelligence;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: the profile cache and the connection pool, read from the store's own meters. */
@RestController
@RequestMapping(path = "${custintel.api.admin-path:/admin}", produces = "application/json")
@Tag(name = "admin", description = "Cache, connection pool, sync and API keys (admin scope)")
public final class AdminController {
  private final CustomerIntelligence ci;

  /** @param ci the facade */
  public AdminController(CustomerIntelligence ci) {
    this.ci = ci;
  }

  /**
   * @return each cache of the store ({@code profiles}, {@code api-keys}) by name: lookups, hit rate, evictions and
   *     size since start
   */
  @GetMapping("/cache/stats")
  @Operation(summary = "The store's caches by name (profiles, api-keys): hits, misses, hit rate, evictions, size")
  public Map<String, CacheStats> cacheStats() {
    MeterRegistry registry = ci.store().meterRegistry();
    Map<String, CacheStats> caches = new TreeMap<>();
    for (Meter meter : registry.find("custintel.cache.size").meters()) {
      String name = meter.getId().getTag("cache");
      if (name != null) {
        caches.put(name, stats(registry, name));
      }
    }
    return caches;
  }

  private static CacheStats stats(MeterRegistry registry, String cache) {
    long hits = (long) sum(registry.find("custintel.cache.gets").tag("cache", cache).tag("result", "hit"));
    long misses = (long) sum(registry.find("custintel.cache.gets").tag("cache", cache).tag("result", "miss"));
    long evictions = (long) sum(registry.find("custintel.cache.evictions").tag("cache", cache));
    long size = (long) sum(registry.find("custintel.cache.size").tag("cache", cache));
    long lookups = hits + misses;
    return new CacheStats(hits, misses, lookups == 0 ? 0 : hits / (double) lookups, evictions, size);
  }

  /**
   * Empties the profile cache: the next read of each profile goes to the database.
   *
   * @return the caches' statistics after the invalidation
   */
  @PostMapping("/cache/invalidate")
  @Operation(summary = "Empty the profile cache")
  public Map<String, CacheStats> invalidateCache() {
    ci.customers().invalidateCache();
    return cacheStats();
  }

  /** @return the pool's connections by state, when the database is reached through a HikariCP pool */
  @GetMapping("/db/pool")
  @Operation(summary = "The connection pool: active, idle, total connections and threads waiting for one")
  public PoolStats pool() {
    MeterRegistry registry = ci.store().meterRegistry();
    Map<String, Integer> byState = new TreeMap<>();
    for (Meter meter : registry.find("custintel.pool.connections").meters()) {
      String state = meter.getId().getTag("state");
      if (state != null) {
        byState.merge(state, (int) value(meter), Integer::sum);
      }
    }
    String database = ci.databaseKind().name().toLowerCase(java.util.Locale.ROOT);
    if (byState.isEmpty()) {
      return new PoolStats(database, false, 0, 0, 0, 0);
    }
    return new PoolStats(database, true, byState.getOrDefault("active", 0), byState.getOrDefault("idle", 0),
        byState.getOrDefault("total", 0), byState.getOrDefault("pending", 0));
  }

  private static double sum(Search search) {
    double total = 0;
    for (Meter meter : search.meters()) {
      total += value(meter);
    }
    return total;
  }

  private static double value(Meter meter) {
    double v = 0;
    for (var m : meter.measure()) {
      v += m.getValue();
    }
    return Double.isFinite(v) ? v : 0;
  }

  /**
   * The profile cache since start.
   *
   * @param hits lookups answered from the cache
   * @param misses lookups that read the database
   * @param hitRate hits / lookups, 0 before the first lookup
   * @param evictions profiles dropped for size or age
   * @param size profiles held now (approximate)
   */
  public record CacheStats(long hits, long misses, double hitRate, long evictions, long size) {}

  /**
   * The connection pool.
   *
   * @param database h2 or postgresql
   * @param pooled whether the data source is a HikariCP pool whose figures are known
   * @param active connections in use
   * @param idle connections open and free
   * @param total connections open
   * @param pending threads waiting for a connection
   */
  public record PoolStats(String database, boolean pooled, int active, int idle, int total, int pending) {}
}

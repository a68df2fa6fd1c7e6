package dev.custintel.core.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The store's meters, all named {@code custintel.*} and tagged with the table prefix (so two stores in one
 * registry stay apart). Not API.
 *
 * <ul>
 *   <li>{@code custintel.operation} (timer; tags op, outcome): each public operation
 *   <li>{@code custintel.cache.gets} (result=hit|miss), {@code custintel.cache.evictions}, {@code
 *       custintel.cache.size} (tag cache=profiles|api-keys)
 *   <li>{@code custintel.pool.connections} (gauge; state=active|idle|pending|total) when the pool is HikariCP
 *   <li>{@code custintel.ingest.orders} (counter; result=inserted|updated|unchanged)
 * </ul>
 */
public final class StoreMetrics {
  private final MeterRegistry registry;
  private final Tags base;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter ordersInserted;
  private final Counter ordersUpdated;
  private final Counter ordersUnchanged;

  public StoreMetrics(MeterRegistry registry, String prefix) {
    this.registry = registry;
    this.base = Tags.of("store", prefix);
    this.ordersInserted = keep(ordersCounter("inserted"));
    this.ordersUpdated = keep(ordersCounter("updated"));
    this.ordersUnchanged = keep(ordersCounter("unchanged"));
  }

  private Counter ordersCounter(String result) {
    return Counter.builder("custintel.ingest.orders")
        .description("Orders seen by ingestion, by what happened to them")
        .tags(base)
        .tag("result", result)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Times {@code work} as {@code custintel.operation{op=...}}. */
  public <T> T time(String op, Supplier<T> work) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = work.get();
      outcome = "success";
      return result;
    } finally {
      timer(op, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(String op, String outcome) {
    // Every public call passes here: look the timer up in our own map rather than building and registering it
    // (and scanning the meter list) each time.
    return timers.computeIfAbsent(op + '\u0000' + outcome, k -> keep(
        Timer.builder("custintel.operation")
            .description("Custintel operations")
            .tags(base)
            .tag("op", op)
            .tag("outcome", outcome)
            .register(registry)));
  }

  public void ordersIngested(int inserted, int updated, int unchanged) {
    ordersInserted.increment(inserted);
    ordersUpdated.increment(updated);
    ordersUnchanged.increment(unchanged);
  }

  /** Registers cache meters for a Caffeine cache that records stats. */
  public void bindCache(String name, Cache<?, ?> cache) {
    Tags tags = base.and("cache", name);
    keep(FunctionCounter.builder("custintel.cache.gets", cache, c -> c.stats().hitCount())
        .tags(tags).tag("result", "hit").description("Cache lookups").register(registry));
    keep(FunctionCounter.builder("custintel.cache.gets", cache, c -> c.stats().missCount())
        .tags(tags).tag("result", "miss").description("Cache lookups").register(registry));
    keep(FunctionCounter.builder("custintel.cache.evictions", cache, c -> c.stats().evictionCount())
        .tags(tags).description("Entries evicted by size or age").register(registry));
    keep(Gauge.builder("custintel.cache.size", cache, Cache::estimatedSize)
        .tags(tags).description("Approximate entries in the cache").register(registry));
  }

  /** Registers pool gauges when the data source is a HikariCP pool (ours or the host's). */
  void bindPool(DataSource dataSource) {
    if (!(dataSource instanceof HikariDataSource hikari)) {
      return;
    }
    poolGauge(hikari, "active", HikariPoolMXBean::getActiveConnections);
    poolGauge(hikari, "idle", HikariPoolMXBean::getIdleConnections);
    poolGauge(hikari, "pending", HikariPoolMXBean::getThreadsAwaitingConnection);
    poolGauge(hikari, "total", HikariPoolMXBean::getTotalConnections);
  }

  private void poolGauge(
      HikariDataSource hikari, String state, java.util.function.ToIntFunction<HikariPoolMXBean> value) {
    keep(Gauge.builder("custintel.pool.connections", hikari, h -> {
          HikariPoolMXBean bean = h.getHikariPoolMXBean();
          return bean == null ? 0 : value.applyAsInt(bean);
        })
        .tags(base)
        .tag("state", state)
        .description("Connections of the pool")
        .register(registry));
  }

  private <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  /** Removes the store's meters from the registry. */
  void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
    timers.clear();
  }
}

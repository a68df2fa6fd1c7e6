package dev.custintel.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Validated settings from {@link dev.custintel.core.store.CustintelStore.Builder}. Not API.
 *
 * @param hostDataSource the host's data source, or null when {@code pool} is set
 * @param pool configuration of a pool the store owns, or null when {@code hostDataSource} is set
 * @param tablePrefix table prefix
 * @param migrate whether to run migrations on open
 * @param clock the clock
 * @param meterRegistry the registry
 * @param profileCacheSize profiles kept; 0 disables the cache
 * @param profileCacheTtl how long a profile is served from the cache
 * @param apiKeyCacheSize accepted API keys kept; 0 disables the cache
 * @param apiKeyCacheTtl how long an accepted API key is served from the cache
 */
public record StoreSettings(
    @Nullable DataSource hostDataSource,
    @Nullable HikariConfig pool,
    String tablePrefix,
    boolean migrate,
    Clock clock,
    MeterRegistry meterRegistry,
    long profileCacheSize,
    Duration profileCacheTtl,
    long apiKeyCacheSize,
    Duration apiKeyCacheTtl) {}

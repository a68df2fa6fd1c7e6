package dev.custintel.core.store;

import com.zaxxer.hikari.HikariConfig;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.internal.store.JdbiStore;
import dev.custintel.core.internal.store.StoreSettings;
import dev.custintel.core.keys.ApiKeyClient;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.sync.SyncClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The data layer: Custintel's tables in one database, with ingestion, customer and product reads, and API
 * keys. Thread-safe; close it to release the connection pool it owns (a host's {@link DataSource} is never closed).
 *
 * <pre>{@code
 * try (CustintelStore store = CustintelStore.builder().embedded(Path.of("shop-data")).build()) {
 *   store.ingestion().ingest(batch);
 *   CustomerProfile p = store.customers().profile("C-1");
 * }
 * }</pre>
 *
 * <p>Most applications use the {@code CustomerIntelligence} facade of {@code custintel-analytics}, which builds
 * and owns a store.
 */
public interface CustintelStore extends AutoCloseable {

  /** @return a new builder */
  static Builder builder() {
    return new Builder();
  }

  /**
   * @return ingestion: batch upserts and CSV import
   * @throws IllegalStateException if the store is closed
   */
  IngestionClient ingestion();

  /**
   * @return customer profiles and queries
   * @throws IllegalStateException if the store is closed
   */
  CustomerClient customers();

  /**
   * @return API keys for the REST server: create, list, revoke and verify them
   * @throws IllegalStateException if the store is closed
   */
  ApiKeyClient apiKeys();

  /**
   * @return what each product sold: one product's figures, or pages of products with filters
   * @throws IllegalStateException if the store is closed
   */
  ProductClient products();

  /**
   * @return pull sync: runs {@link dev.custintel.core.sync.OrderSource}s into this store, on demand or on a
   *     schedule, and keeps each source's status
   * @throws IllegalStateException if the store is closed
   */
  SyncClient sync();

  /** @return the database product */
  DatabaseKind databaseKind();

  /** @return the clock giving "now" */
  Clock clock();

  /** @return the registry the store's meters are in */
  MeterRegistry meterRegistry();

  /**
   * Stops the store's sync schedules (letting a run in progress finish), closes the connection pool if the store
   * created it, and removes the store's meters. Idempotent.
   */
  @Override
  void close();

  /**
   * Configures a store. Exactly one of {@link #dataSource}, {@link #jdbcUrl}, {@link #embedded} or
   * {@link #inMemory} must be called. Fails fast: each method rejects bad values at once.
   */
  final class Builder {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,15}");

    private @Nullable DataSource dataSource;
    private @Nullable String jdbcUrl;
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable String source;
    private String tablePrefix = "ci_";
    private boolean migrate = true;
    private Clock clock = Clock.systemUTC();
    private @Nullable MeterRegistry meterRegistry;
    private long profileCacheSize = 10_000;
    private Duration profileCacheTtl = Duration.ofMinutes(5);
    private int maximumPoolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private long apiKeyCacheSize = 10_000;
    private Duration apiKeyCacheTtl = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * Uses the host's data source. The store never closes it.
     *
     * @param value the data source
     * @return this builder
     */
    public Builder dataSource(DataSource value) {
      setSource("dataSource");
      this.dataSource = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /**
     * Connects to a JDBC URL through a HikariCP pool that the store owns and closes.
     *
     * @param url such as {@code jdbc:postgresql://db:5432/shop} or {@code jdbc:h2:file:/var/data/custintel}
     * @return this builder
     */
    public Builder jdbcUrl(String url) {
      setSource("jdbcUrl");
      Objects.requireNonNull(url, "jdbcUrl");
      if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
        throw InvalidInputException.argument(
            "jdbcUrl", "must start with jdbc:postgresql: or jdbc:h2: (only PostgreSQL and H2 are supported)");
      }
      this.jdbcUrl = url;
      return this;
    }

    /**
     * Connects to a JDBC URL with credentials. The password is never logged or put in an exception.
     *
     * @param url the JDBC URL
     * @param user the user name
     * @param secret the password
     * @return this builder
     */
    public Builder jdbcUrl(String url, String user, String secret) {
      jdbcUrl(url);
      this.username = Objects.requireNonNull(user, "username");
      this.password = Objects.requireNonNull(secret, "password");
      return this;
    }

    /**
     * Uses the embedded default: an H2 database in files under {@code directory} (created if missing).
     *
     * <p>H2 writes commits to its files in the background, up to about a second later. The store does not rely on
     * that: after each committed write (an import batch, a model run, a Slack event) it has H2 write its changes to
     * the files ({@code CHECKPOINT}) before it returns or reports progress, so a process killed at any point, even
     * with kill -9, keeps everything it reported or acknowledged. The files are not forced to the disk: a power cut or an operating-system crash may lose the last
     * batches. Use PostgreSQL where that matters.
     *
     * @param directory where the database files live
     * @return this builder
     */
    public Builder embedded(Path directory) {
      Objects.requireNonNull(directory, "directory");
      setSource("embedded");
      this.jdbcUrl = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("custintel") + ";LOCK_TIMEOUT=10000";
      return this;
    }

    /**
     * Uses an H2 database in memory, gone when the store closes.
     *
     * @param name a name that separates this database from others in the same JVM
     * @return this builder
     */
    public Builder inMemory(String name) {
      Checks.id(Objects.requireNonNull(name, "name"), "name");
      setSource("inMemory");
      this.jdbcUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
      return this;
    }

    /**
     * @param prefix table name prefix: a lower-case letter, then up to 15 lower-case letters, digits or
     *     underscores; default {@code ci_}
     * @return this builder
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "tablePrefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw InvalidInputException.argument(
            "tablePrefix", "must match [a-z][a-z0-9_]{0,15} (was '" + prefix + "')");
      }
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * @param value whether to run the schema migrations on build (default true). When false, the host runs the
     *     migrations itself (placeholder {@code prefix}): core's in {@code classpath:db/custintel/core} with
     *     history table {@code <prefix>schema_history}, then each module's in {@code classpath:db/custintel/<module>}
     *     ({@code analytics}, {@code integrations}) with history table {@code <prefix><module>_schema_history};
     *     build fails if the core tables are missing.
     * @return this builder
     */
    public Builder migrateOnStart(boolean value) {
      this.migrate = value;
      return this;
    }

    /**
     * @param value the clock giving "now" for relative figures such as days since last order
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * @param value where to register the {@code custintel.*} meters; default: a registry that keeps nothing
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
      return this;
    }

    /**
     * @param maximumSize profiles kept, 0 to disable the cache; default 10,000
     * @param ttl how long a profile is served from the cache, positive; default 5 minutes
     * @return this builder
     */
    public Builder profileCache(long maximumSize, Duration ttl) {
      if (maximumSize < 0) {
        throw InvalidInputException.argument(
            "profileCache.maximumSize", "must not be negative (was " + maximumSize + ")");
      }
      Objects.requireNonNull(ttl, "profileCache.ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw InvalidInputException.argument("profileCache.ttl", "must be positive (was " + ttl + ")");
      }
      this.profileCacheSize = maximumSize;
      this.profileCacheTtl = ttl;
      return this;
    }

    /**
     * The cache of API keys that {@link ApiKeyClient#verify} accepted, so that verifying a key many times a second
     * reads the database once per {@code ttl}. A key revoked through another client or process is still accepted
     * until its entry expires: {@code ttl} is how long revocation may take to reach this store (revoking through
     * this store's {@link #apiKeys()} takes effect at once).
     *
     * @param maximumSize keys kept, 0 to disable the cache (every verification then reads the database); default
     *     10,000
     * @param ttl how long an accepted key is served from the cache, positive; default 10 seconds
     * @return this builder
     */
    public Builder apiKeyCache(long maximumSize, Duration ttl) {
      if (maximumSize < 0) {
        throw InvalidInputException.argument(
            "apiKeyCache.maximumSize", "must not be negative (was " + maximumSize + ")");
      }
      Objects.requireNonNull(ttl, "apiKeyCache.ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw InvalidInputException.argument("apiKeyCache.ttl", "must be positive (was " + ttl + ")");
      }
      this.apiKeyCacheSize = maximumSize;
      this.apiKeyCacheTtl = ttl;
      return this;
    }

    /**
     * How long a call waits for a connection of a pool the store owns before it fails with a
     * {@link dev.custintel.core.DataAccessException}: when the database is down, a shorter wait answers callers
     * sooner.
     *
     * @param value from 250 ms to 10 minutes; default 30 seconds
     * @return this builder
     */
    public Builder connectionTimeout(Duration value) {
      Objects.requireNonNull(value, "connectionTimeout");
      if (value.toMillis() < 250 || value.compareTo(Duration.ofMinutes(10)) > 0) {
        throw InvalidInputException.argument(
            "connectionTimeout", "must be between 250 ms and 10 minutes (was " + value + ")");
      }
      this.connectionTimeout = value;
      return this;
    }

    /**
     * @param value largest number of connections of a pool the store owns, 2 to 200 (migrating the schema holds two
     *     at once); default 10
     * @return this builder
     */
    public Builder maximumPoolSize(int value) {
      if (value < 2 || value > 200) {
        throw InvalidInputException.argument("maximumPoolSize", "must be between 2 and 200: migrating the schema holds"
            + " two connections at once (was " + value + ")");
      }
      this.maximumPoolSize = value;
      return this;
    }

    private void setSource(String name) {
      if (source != null) {
        throw InvalidInputException.argument(
            name, "cannot be combined with " + source + ": a store has exactly one database");
      }
      source = name;
    }

    /**
     * Connects, runs the migrations (unless switched off) and returns the store.
     *
     * @return the store
     * @throws InvalidInputException if no database was configured
     * @throws dev.custintel.core.DataAccessException if the database cannot be reached or migrated
     */
    public CustintelStore build() {
      if (source == null) {
        throw InvalidInputException.argument(
            "database", "is required: call dataSource, jdbcUrl, embedded or inMemory");
      }
      HikariConfig pool = null;
      if (jdbcUrl != null) {
        pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        if (username != null) {
          pool.setUsername(username);
          pool.setPassword(password);
        }
        pool.setMaximumPoolSize(maximumPoolSize);
        pool.setMinimumIdle(Math.min(2, maximumPoolSize));
        pool.setPoolName("custintel");
        pool.setConnectionTimeout(connectionTimeout.toMillis());
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
          // Batched INSERTs are rewritten into multi-row statements: several times faster ingestion.
          pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
      }
      MeterRegistry registry = meterRegistry != null ? meterRegistry : new CompositeMeterRegistry();
      return JdbiStore.open(
          new StoreSettings(
              dataSource, pool, tablePrefix, migrate, clock, registry, profileCacheSize, profileCacheTtl,
              apiKeyCacheSize, apiKeyCacheTtl));
    }
  }
}

package dev.custintel.core.internal.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.internal.Secrets;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.internal.customer.JdbiCustomerClient;
import dev.custintel.core.internal.customer.ProfileCache;
import dev.custintel.core.internal.ingest.JdbiIngestionClient;
import dev.custintel.core.internal.keys.JdbiApiKeyClient;
import dev.custintel.core.keys.ApiKeyClient;
import dev.custintel.core.internal.product.JdbiProductClient;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.internal.sync.JdbiSyncClient;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import dev.custintel.core.sync.SyncClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The store over Jdbi and HikariCP. Not API: build it with {@link CustintelStore#builder()}. */
public final class JdbiStore implements CustintelStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbiStore.class);

  private final @Nullable HikariDataSource ownedPool;
  private final DatabaseKind kind;
  private final Tables tables;
  private final Clock clock;
  private final StoreMetrics metrics;
  private final JdbiIngestionClient ingestion;
  private final JdbiCustomerClient customers;
  private final JdbiApiKeyClient apiKeys;
  private final JdbiProductClient products;
  private final DefaultStoreAccess access;
  private final JdbiSyncClient sync;
  private final PlannerStatistics statistics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbiStore(
      DataSource dataSource, @Nullable HikariDataSource ownedPool, DatabaseKind kind, StoreSettings settings) {
    this.ownedPool = ownedPool;
    this.kind = kind;
    this.tables = new Tables(settings.tablePrefix());
    this.clock = settings.clock();
    this.metrics = new StoreMetrics(settings.meterRegistry(), settings.tablePrefix());
    // The store's one Jdbi: every module reaches the database through it (see StoreAccess).
    Jdbi jdbi = Jdbi.create(dataSource);
    // H2 is made durable at each commit (for an in-memory database the checkpoint has nothing to write).
    TransactionRunner tx = new TransactionRunner(jdbi, closed::get, kind == DatabaseKind.H2);
    ProfileCache cache = new ProfileCache(settings.profileCacheSize(), settings.profileCacheTtl(), metrics);
    CustomerChanges changes = new CustomerChanges(cache);
    this.access = new DefaultStoreAccess(this, kind, tables, tx, changes);
    this.customers = new JdbiCustomerClient(tx, tables, clock, cache, metrics);
    this.products = new JdbiProductClient(tx, tables, metrics);
    this.statistics = new PlannerStatistics(tx, tables, kind == DatabaseKind.POSTGRESQL);
    this.ingestion = new JdbiIngestionClient(tx, tables, kind, clock, metrics, changes,
        statistics::ordersWritten, changes::recording);
    this.apiKeys = new JdbiApiKeyClient(tx, tables, clock, metrics, settings.apiKeyCacheSize(),
        settings.apiKeyCacheTtl());
    this.sync = new JdbiSyncClient(tx, tables, ingestion, clock);
    metrics.bindPool(dataSource);
  }

  /** Drivers echo the URL's credentials in their messages: neither the message nor the cause may keep them. */
  private static DataAccessException connectFailed(String reason, Throwable e) {
    return new DataAccessException("Could not connect to the database: " + Secrets.mask(reason)
        + ". Check that it is running and the URL, user and password are right.", Secrets.scrubbed(e));
  }

  /** Opens the store: pool, migrations, clients. */
  public static JdbiStore open(StoreSettings settings) {
    HikariDataSource owned = null;
    DataSource ds = settings.hostDataSource();
    if (ds == null) {
      try {
        owned = new HikariDataSource(settings.pool());
      } catch (RuntimeException e) {
        throw connectFailed(TransactionRunner.rootMessage(e), e);
      }
      ds = owned;
    }
    try {
      DatabaseKind kind = detect(ds);
      if (settings.migrate()) {
        Migrations.migrate(ds, settings.tablePrefix());
      } else {
        checkSchema(ds, settings.tablePrefix());
      }
      if (kind == DatabaseKind.H2 && owned != null) {
        stopBackgroundWriter(ds);
      }
      return new JdbiStore(ds, owned, kind, settings);
    } catch (RuntimeException e) {
      if (owned != null) {
        owned.close();
      }
      throw e;
    }
  }

  /**
   * H2's background writer writes the file every half second whatever the transactions are doing, and a file
   * written while a transaction changes several maps can hold one map's change without the other's (see {@code
   * TransactionRunner#writeThrough}). Our own pool's database is written by our checkpoints only, each taken while
   * no transaction writes. A database the host shares keeps H2's writer, for the host's own writes. Needs admin
   * rights, as the checkpoints do; without them H2's writer stays.
   */
  private static void stopBackgroundWriter(DataSource ds) {
    try (Connection c = ds.getConnection();
        var st = c.createStatement()) {
      st.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      LOG.info("H2's background writer stays on (SET WRITE_DELAY 0 was refused: {})", e.getMessage());
    }
  }

  private static DatabaseKind detect(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return DatabaseKind.POSTGRESQL;
      }
      if (product.contains("h2")) {
        return DatabaseKind.H2;
      }
      throw new DataAccessException(
          "Unsupported database '" + product + "': Custintel runs on PostgreSQL and H2",
          new SQLException("unsupported database"));
    } catch (SQLException e) {
      throw connectFailed(String.valueOf(e.getMessage()), e);
    }
  }

  private static void checkSchema(DataSource ds, String prefix) {
    try (Connection c = ds.getConnection();
        var st = c.createStatement()) {
      st.executeQuery("SELECT order_id FROM " + prefix + "orders WHERE 1 = 0").close();
      st.executeQuery("SELECT product_id FROM " + prefix + "order_lines WHERE 1 = 0").close();
    } catch (SQLException e) {
      throw new DataAccessException(
          "The Custintel tables (prefix '" + prefix + "') are missing. Run the migrations in "
              + Migrations.LOCATION + " with placeholder prefix=" + prefix + ", or enable migrateOnStart.", e);
    }
  }

  @Override
  public IngestionClient ingestion() {
    checkOpen();
    return ingestion;
  }

  @Override
  public CustomerClient customers() {
    checkOpen();
    return customers;
  }

  @Override
  public ApiKeyClient apiKeys() {
    checkOpen();
    return apiKeys;
  }

  @Override
  public ProductClient products() {
    checkOpen();
    return products;
  }

  @Override
  public SyncClient sync() {
    checkOpen();
    return sync;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("The Custintel store is closed");
    }
  }

  @Override
  public DatabaseKind databaseKind() {
    return kind;
  }

  /** @return the access other modules reach the database through */
  public StoreAccess access() {
    return access;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** @return the planner statistics keeper (PostgreSQL), for tests */
  public PlannerStatistics plannerStatistics() {
    return statistics;
  }

  @Override
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  @Override
  public void close() {
    if (!closed.get()) {
      sync.stopSchedules(); // while the store is open, so that a run in progress can finish and record its end
      statistics.close(); // likewise an analysis in progress
    }
    if (closed.compareAndSet(false, true)) {
      metrics.close();
      if (ownedPool != null) {
        ownedPool.close();
      }
    }
  }
}

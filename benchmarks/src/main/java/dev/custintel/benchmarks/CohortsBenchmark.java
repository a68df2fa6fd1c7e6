package dev.custintel.benchmarks;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.core.store.CustintelStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Currency;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole cohort table, {@code ci.cohorts().retention(..)}, on a generated shop of {@link #customers} customers
 * (about ten orders each: some 1,040,000 orders for 100,000) with the database's cache warm (JMH's warm-up
 * iterations run the same statements). The target of issue 13: 1M orders on PostgreSQL in at most 1 s.
 */
@State(Scope.Benchmark)
public class CohortsBenchmark extends AverageTimeBenchmark {
  /** The database: {@code postgresql} (local server, fresh schema) or {@code h2} (in memory). */
  @Param({"postgresql", "h2"})
  public String database;

  /** Customers in the generated shop. */
  @Param({"100000"})
  public int customers;

  /**
   * Whether to vacuum the orders after ingesting them (PostgreSQL only), as autovacuum would on a server where it is
   * on: the visibility map it sets lets the cohort statement read the orders index alone. Off by default, as this
   * development server runs with autovacuum off.
   */
  @Param({"false"})
  public boolean vacuumed;

  /**
   * Whether the request names the currency, as a dashboard that knows its shop's currency would. Without it the
   * client first finds the shop's one currency: two lookups in the orders' (kind, currency) index since core
   * migration V7 (before it, a scan of every order: about 0.3 s on PostgreSQL for a million).
   */
  @Param({"false", "true"})
  public boolean currencyGiven;

  /** The period of the cohorts. */
  @Param({"MONTH", "WEEK"})
  public CohortPeriod period;

  private BenchDatabase db;
  private CustomerIntelligence ci;
  private CohortTable last;
  private Currency currency;

  /** Generates and ingests the shop. */
  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.create(database);
    CustintelStore store = db.configure(CustintelStore.builder()).clock(ShopData.CLOCK).build();
    ShopData.Population p = ShopData.populate(store, customers, 2_000, 0);
    store.close();
    if (vacuumed && database.equals("postgresql")) {
      vacuum();
    }
    ci = CustomerIntelligence.builder().jdbcUrl(db.url()).clock(ShopData.CLOCK).build();
    currency = ci.cohorts().retention(CohortRequest.monthly()).currency();
    System.out.printf("%n[setup] %s: %,d customers, %,d orders ingested in %.1f s%n", database,
        p.shop().customers(), p.shop().orders(), p.seconds());
  }

  private void vacuum() {
    try (Connection c = DriverManager.getConnection(db.url());
        Statement st = c.createStatement()) {
      st.execute("VACUUM ci_orders"); // the store's default table prefix
    } catch (SQLException e) {
      throw new IllegalStateException("VACUUM failed: " + e.getMessage(), e);
    }
  }

  /** @return the table of every cohort */
  @Benchmark
  public CohortTable retention() {
    last = ci.cohorts().retention(CohortRequest.builder().period(period)
        .currency(currencyGiven ? currency : null).build());
    return last;
  }

  /** Prints the table's size, and drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (last != null) {
      System.out.printf("%n[cohorts] %d cohorts, %d columns, %,d customers%n", last.cohorts().size(),
          last.columns(), last.cohorts().stream().mapToLong(c -> c.customers()).sum());
    }
    ci.close();
    db.close();
  }
}

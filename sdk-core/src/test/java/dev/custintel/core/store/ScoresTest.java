package dev.custintel.core.store;

import static dev.custintel.core.testing.Orders.day;
import static dev.custintel.core.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.CustintelException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Profiles show the scores of the active customer value run. Runs, scores and activations are written with plain
 * SQL through the store's data source, as the analytics module writes them. On H2 and on PostgreSQL, a fresh database for each test.
 */
class ScoresTest extends OnBothDatabases {
  static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Currency EUR = Currency.getInstance("EUR");
  static final LocalDate CALIBRATION_END = LocalDate.parse("2024-05-31");

  TestDatabase db;
  CustintelStore store;

  @BeforeEach
  void open() {
    db = newDatabase.get();
    store = db.configure(CustintelStore.builder()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** One customer's scores, as a run writes them. */
  record Score(String customerId, double pAlive, double expectedPurchases, double ltv, double low, double high) {}

  /** The run's settings that profiles show. */
  record Run(String currency, LocalDate calibrationEnd, double horizonMonths, double intervalLevel) {
    static Run eur() {
      return new Run("EUR", CALIBRATION_END, 12.0, 0.9);
    }
  }

  /**
   * Writes a clv run and its scores in one transaction, as the analytics module does, and activates it in the same
   * transaction when asked.
   *
   * @return the run id the database gave it
   */
  static long writeRun(CustintelStore s, Run run, boolean activate, Score... scores) {
    String p = StoreAccess.of(s).prefix();
    try (Handle h = StoreAccess.of(s).jdbi().open()) {
      h.begin();
      Connection c = h.getConnection();
      long runId;
      try (PreparedStatement st = c.prepareStatement("INSERT INTO " + p + "model_runs (kind, created_at,"
              + " calibration_end, period_unit, currency, customers, watermark_placed_at, watermark_orders,"
              + " duration_ms, horizon_months, monthly_discount, interval_level, params, metrics)"
              + " VALUES ('clv', ?, ?, 'WEEK', ?, ?, ?, 100, 42, ?, 0.01, ?, '{}', '{}')",
          Statement.RETURN_GENERATED_KEYS)) {
        st.setObject(1, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        st.setObject(2, run.calibrationEnd());
        st.setString(3, run.currency());
        st.setInt(4, scores.length);
        st.setObject(5, run.calibrationEnd().atTime(18, 0).atOffset(ZoneOffset.UTC));
        st.setDouble(6, run.horizonMonths());
        st.setDouble(7, run.intervalLevel());
        st.executeUpdate();
        try (ResultSet keys = st.getGeneratedKeys()) {
          keys.next();
          runId = keys.getLong(1);
        }
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO " + p + "customer_scores (run_id, customer_id,"
          + " frequency, recency, age, monetary_value, p_alive, expected_purchases, expected_spend, ltv, ltv_low,"
          + " ltv_high, value_at_risk) VALUES (?, ?, 3, 20.0, 30.0, 25.0, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Score sc : scores) {
          st.setLong(1, runId);
          st.setString(2, sc.customerId());
          st.setDouble(3, sc.pAlive());
          st.setDouble(4, sc.expectedPurchases());
          st.setDouble(5, sc.ltv() * 1.1);
          st.setDouble(6, sc.ltv());
          st.setDouble(7, sc.low());
          st.setDouble(8, sc.high());
          st.setDouble(9, sc.ltv() * (1 - sc.pAlive()));
          st.addBatch();
        }
        st.executeBatch();
      }
      if (activate) {
        activate(c, p, runId);
      }
      h.commit();
      return runId;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes an existing run the active clv run, as re-activating an earlier run does. */
  static void activate(CustintelStore s, long runId) {
    try (Handle h = StoreAccess.of(s).jdbi().open()) {
      activate(h.getConnection(), StoreAccess.of(s).prefix(), runId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void activate(Connection c, String prefix, long runId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE " + prefix + "active_models SET run_id = ?, activated_at = ? WHERE kind = 'clv'")) {
      st.setLong(1, runId);
      st.setObject(2, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  void ingestCustomers(String... ids) {
    IngestBatch.Builder batch = IngestBatch.builder();
    for (String id : ids) {
      batch.order(order("O-" + id, id, "2024-03-01", "P1", "10.00"));
    }
    store.ingestion().ingest(batch.build());
  }

  @Test
  void profile_activeRun_showsEveryScoreInTheRunsCurrency() {
    // Several aggregate rows (purchases, a return, another currency): the scores' joins must not multiply them.
    store.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("C1", "c1@example.com", "Ada", "France", null))
        .order(order("O1", "C1", "2024-02-01", "P1", "10.00"))
        .order(order("O2", "C1", "2024-03-01", "P1", "30.00"))
        .order(new Order("R1", "C1", day("2024-03-05"), EUR,
            OrderKind.RETURN, List.of(new OrderLine("P1", 1, new BigDecimal("5.00")))))
        .order(Order.purchase("O3", "C1", Instant.parse("2024-04-01T00:00:00Z"), Currency.getInstance("USD"),
            List.of(new OrderLine("P1", 1, BigDecimal.ONE))))
        .build());
    // Half-even at the cent, on the shortest decimal form of each double: 1234.565 -> .56, 1000.005 -> .00,
    // 1500.015 -> .02
    long runId = writeRun(store, new Run("EUR", CALIBRATION_END, 12.0, 0.9), true,
        new Score("C1", 0.8, 3.25, 1234.565, 1000.005, 1500.015));

    CustomerProfile p = store.customers().profile("C1");

    assertThat(p.orders()).isEqualTo(3);
    assertThat(p.returns()).isEqualTo(1);
    assertThat(p.ordersInOtherCurrencies()).isEqualTo(1);
    assertThat(p.totalSpent().toString()).isEqualTo("35.00 EUR");
    CustomerScores s = p.scores();
    assertThat(s).isNotNull();
    assertThat(s.runId()).isEqualTo(runId);
    assertThat(s.scoredAsOf()).isEqualTo(CALIBRATION_END);
    assertThat(s.probabilityAlive()).isEqualTo(0.8);
    assertThat(s.churnRisk()).isCloseTo(0.2, within(1e-12));
    assertThat(s.expectedPurchases()).isEqualTo(3.25);
    assertThat(s.lifetimeValue()).isEqualTo(Money.of("1234.56", "EUR"));
    assertThat(s.lifetimeValueLow()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(s.lifetimeValueHigh()).isEqualTo(Money.of("1500.02", "EUR"));
    assertThat(s.horizonMonths()).isEqualTo(12.0);
    assertThat(s.intervalLevel()).isEqualTo(0.9);
  }

  @Test
  void profile_runInACurrencyWithoutDecimals_roundsToWholeUnitsOfIt() {
    ingestCustomers("C1"); // orders in euros; the run values in yen
    writeRun(store, new Run("JPY", CALIBRATION_END, 6.0, 0.8), true,
        new Score("C1", 0.5, 1.0, 1500.5, 1499.5, 2501.5));

    CustomerScores s = store.customers().profile("C1").scores();

    assertThat(s.lifetimeValue()).isEqualTo(Money.of("1500", "JPY"));
    assertThat(s.lifetimeValueLow()).isEqualTo(Money.of("1500", "JPY"));
    assertThat(s.lifetimeValueHigh()).isEqualTo(Money.of("2502", "JPY"));
    assertThat(s.horizonMonths()).isEqualTo(6.0);
    assertThat(s.intervalLevel()).isEqualTo(0.8);
  }

  @Test
  void profile_noActiveRun_hasNoScores() {
    ingestCustomers("C1");
    assertThat(store.customers().profile("C1").scores()).isNull();

    writeRun(store, Run.eur(), false, new Score("C1", 0.5, 1.0, 100, 90, 110)); // written, never activated
    store.customers().invalidateCache();

    assertThat(store.customers().profile("C1").scores()).isNull();
  }

  @Test
  void profile_customerNotInTheActiveRun_hasNoScores() {
    ingestCustomers("C1", "C2");
    writeRun(store, Run.eur(), true, new Score("C1", 0.5, 1.0, 100, 90, 110));

    assertThat(store.customers().profile("C1").scores()).isNotNull();
    assertThat(store.customers().profile("C2").scores()).isNull();
  }

  @Test
  void profile_customerWithoutOrders_stillShowsTheirScores() {
    store.ingestion().ingest(IngestBatch.builder().customer(Customer.of("C1")).build());
    writeRun(store, Run.eur(), true, new Score("C1", 0.25, 0.5, 10, 5, 15));

    CustomerProfile p = store.customers().profile("C1");

    assertThat(p.orders()).isZero();
    assertThat(p.scores().probabilityAlive()).isEqualTo(0.25);
  }

  @Test
  void profile_newRunActivated_showsItAfterInvalidateCacheOnly() {
    ingestCustomers("C1");
    long first = writeRun(store, Run.eur(), true, new Score("C1", 0.9, 2.0, 200, 150, 250));
    assertThat(store.customers().profile("C1").scores().runId()).isEqualTo(first);

    long second = writeRun(store, new Run("EUR", LocalDate.parse("2024-06-30"), 24.0, 0.95), true,
        new Score("C1", 0.3, 0.7, 80, 60, 100));

    // The cache contract: a cached profile keeps the scores it was read with...
    assertThat(store.customers().profile("C1").scores().runId()).isEqualTo(first);
    // ...until the run's activation invalidates the cache.
    store.customers().invalidateCache();
    CustomerScores s = store.customers().profile("C1").scores();
    assertThat(s.runId()).isEqualTo(second);
    assertThat(s.scoredAsOf()).isEqualTo(LocalDate.parse("2024-06-30"));
    assertThat(s.probabilityAlive()).isEqualTo(0.3);
    assertThat(s.expectedPurchases()).isEqualTo(0.7);
    assertThat(s.lifetimeValue()).isEqualTo(Money.of("80.00", "EUR"));
    assertThat(s.horizonMonths()).isEqualTo(24.0);
    assertThat(s.intervalLevel()).isEqualTo(0.95);

    // An earlier run can be activated again.
    activate(store, first);
    store.customers().invalidateCache();
    assertThat(store.customers().profile("C1").scores().runId()).isEqualTo(first);
  }

  @Test
  void profileCacheDisabled_showsANewRunAtOnce() {
    try (CustintelStore uncached = db.configure(CustintelStore.builder()).profileCache(0, Duration.ofMinutes(1))
        .build()) {
      ingestCustomers("C1");
      long first = writeRun(uncached, Run.eur(), true, new Score("C1", 0.9, 2.0, 200, 150, 250));
      assertThat(uncached.customers().profile("C1").scores().runId()).isEqualTo(first);

      long second = writeRun(uncached, Run.eur(), true, new Score("C1", 0.3, 0.7, 80, 60, 100));
      assertThat(uncached.customers().profile("C1").scores().runId()).isEqualTo(second);
      uncached.customers().invalidateCache(); // nothing to drop, and no harm
    }
  }

  @Test
  void tablePrefix_scoresAreReadFromTheStoresOwnTables() {
    ingestCustomers("C1");
    try (CustintelStore other = db.configure(CustintelStore.builder()).tablePrefix("shop2_").build()) {
      other.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-03-01", "P1", "10.00")));
      long run = writeRun(other, Run.eur(), true, new Score("C1", 0.6, 1.5, 300, 250, 350));

      assertThat(other.customers().profile("C1").scores().runId()).isEqualTo(run);
      assertThat(other.customers().profile("C1").scores().lifetimeValue()).isEqualTo(Money.of("300.00", "EUR"));
      assertThat(store.customers().profile("C1").scores()).isNull();
    }
  }

  @Test
  void profile_nonFiniteLifetimeValue_failsNamingTheRunAndCustomer() {
    ingestCustomers("C1");
    long run = writeRun(store, Run.eur(), true, new Score("C1", 0.5, 1.0, Double.NaN, 90, 110));

    assertThatThrownBy(() -> store.customers().profile("C1"))
        .isInstanceOf(CustintelException.class)
        .hasMessageContaining("run " + run)
        .hasMessageContaining("'C1'")
        .hasMessageContaining("Refresh the model");
  }
}

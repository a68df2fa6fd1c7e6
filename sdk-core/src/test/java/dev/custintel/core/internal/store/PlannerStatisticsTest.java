package dev.custintel.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Order;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.testing.Orders;
import dev.custintel.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The load runs of 2026-12-06: on a PostgreSQL shop whose order tables had never been analysed (autovacuum off), an
 * uncached profile read its score by scanning a whole primary key, and the server answered 262 profiles a second
 * where the same shop, analysed, answers 2,070. Ingestion now keeps the statistics of the order tables current.
 */
class PlannerStatisticsTest {

  @Test
  void ingest_tenThousandOrdersOnPostgres_analysesTheOrderTables() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        CustintelStore store = db.configure(CustintelStore.builder()).build()) {
      PlannerStatistics statistics = ((JdbiStore) store).plannerStatistics();
      ingest(store, 0, PlannerStatistics.MIN_CHANGES - 1_000);
      assertThat(statistics.analyses()).as("analyses below the threshold").isZero();
      assertThat(lastAnalysed(db)).as("orders analysed below the threshold").isFalse();

      ingest(store, PlannerStatistics.MIN_CHANGES - 1_000, PlannerStatistics.MIN_CHANGES);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (statistics.analyses() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(statistics.analyses()).as("analyses after %d orders", PlannerStatistics.MIN_CHANGES).isEqualTo(1);
      assertThat(lastAnalysed(db)).as("orders analysed").isTrue();
      assertThat(estimatedOrders(db)).as("the planner's estimate of the orders")
          .isBetween(PlannerStatistics.MIN_CHANGES * 9 / 10, PlannerStatistics.MIN_CHANGES * 11 / 10);
    }
  }

  /**
   * Issue 17: a bulk import of 104k orders into an empty PostgreSQL store analysed the four tables every 10,000
   * orders, two fifths of the server's CPU for the import. After an analysis the next waits nine times as long as
   * it took; what is written meanwhile is merged into one analysis, which runs when the pause ends.
   */
  @Test
  void ordersWritten_duringThePause_areAnalysedOnceWhenItEnds() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      fill(db, 2_000);
      Duration pause = Duration.ofMillis(400);
      try (PlannerStatistics statistics = statistics(db, pause)) {
        statistics.ordersWritten(PlannerStatistics.MIN_CHANGES);
        awaitAnalyses(statistics, 1);
        long first = System.nanoTime();
        for (int i = 0; i < 5; i++) {
          statistics.ordersWritten(PlannerStatistics.MIN_CHANGES); // each one past the threshold
        }
        awaitAnalyses(statistics, 2);
        long waited = System.nanoTime() - first;
        assertThat(Duration.ofNanos(waited)).as("the second analysis waited for the pause").isGreaterThanOrEqualTo(
            pause.minusMillis(50));
        Thread.sleep(pause.toMillis() * 3);
        assertThat(statistics.analyses()).as("five requests in one pause: one analysis").isEqualTo(2);
      }
    }
  }

  @Test
  void close_withAnAnalysisWaitingForItsPause_runsItAtOnce() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      fill(db, 2_000);
      PlannerStatistics statistics = statistics(db, Duration.ofHours(1));
      analyseThenWait(statistics);
      statistics.ordersWritten(PlannerStatistics.MIN_CHANGES);
      assertThat(statistics.analyses()).as("waiting for an hour's pause").isEqualTo(1);
      long start = System.nanoTime();
      statistics.close();
      assertThat(statistics.analyses()).as("the waiting analysis, run by close").isEqualTo(2);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      statistics.ordersWritten(PlannerStatistics.MIN_CHANGES);
      Thread.sleep(200);
      assertThat(statistics.analyses()).as("nothing after close").isEqualTo(2);
    }
  }

  /** A database that went away during the pause: the close's analysis fails, is logged, and the close returns. */
  @Test
  void close_afterTheDatabaseWentAway_returnsWithoutTheAnalysis() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      fill(db, 10);
      AtomicBoolean down = new AtomicBoolean();
      Jdbi jdbi = Jdbi.create(() -> {
        if (down.get()) {
          throw new SQLException("Connection refused (the test's database is down)");
        }
        return DriverManager.getConnection(db.jdbcUrl());
      });
      PlannerStatistics statistics =
          new PlannerStatistics(new TransactionRunner(jdbi, () -> false, false), new Tables("ci_"), true,
              Duration.ofHours(1));
      analyseThenWait(statistics);
      down.set(true);
      long start = System.nanoTime();
      statistics.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(statistics.analyses()).as("the failed analysis is not counted").isEqualTo(1);
    }
  }

  @Test
  void close_withoutChanges_analysesNothing() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      fill(db, 10);
      PlannerStatistics statistics = statistics(db, Duration.ofHours(1));
      statistics.ordersWritten(PlannerStatistics.MIN_CHANGES - 1);
      statistics.close();
      assertThat(statistics.analyses()).isZero();
    }
  }

  @Test
  void pause_isNineTimesTheAnalysis_atLeastTheMinimum() {
    assertThat(PlannerStatistics.pauseNanos(100_000_000L, 0)).isEqualTo(900_000_000L);
    assertThat(PlannerStatistics.pauseNanos(1_000_000L, 50_000_000L)).isEqualTo(50_000_000L);
    assertThat(PlannerStatistics.pauseNanos(0, 0)).isZero();
  }

  /** Creates the store's tables with some orders in them, then closes the store (and its own statistics). */
  private static void fill(TestDatabase db, long orders) {
    try (CustintelStore store = db.configure(CustintelStore.builder()).build()) {
      ingest(store, 0, orders);
    }
  }

  /** A keeper of the test store's statistics that only the test tells about writes. */
  private static PlannerStatistics statistics(TestDatabase db, Duration minimumPause) {
    TransactionRunner tx = new TransactionRunner(Jdbi.create(db.jdbcUrl()), () -> false, false);
    return new PlannerStatistics(tx, new Tables("ci_"), true, minimumPause);
  }

  /** One analysis runs; then a second is asked for, which waits for the pause after the first. */
  private static void analyseThenWait(PlannerStatistics statistics) throws InterruptedException {
    statistics.ordersWritten(PlannerStatistics.MIN_CHANGES);
    awaitAnalyses(statistics, 1);
    statistics.ordersWritten(PlannerStatistics.MIN_CHANGES);
  }

  private static void awaitAnalyses(PlannerStatistics statistics, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (statistics.analyses() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(statistics.analyses()).as("analyses").isEqualTo(count);
  }

  @Test
  void ingest_onH2_neverAnalyses() {
    try (TestDatabase db = TestDatabase.h2();
        CustintelStore store = db.configure(CustintelStore.builder()).build()) {
      ingest(store, 0, PlannerStatistics.MIN_CHANGES + 10);
      assertThat(((JdbiStore) store).plannerStatistics().analyses()).isZero();
    }
  }

  private static void ingest(CustintelStore store, long from, long to) {
    List<Order> batch = new ArrayList<>();
    for (long i = from; i < to; i++) {
      batch.add(Orders.order("O-" + i, "C-" + (i % 997), "2024-01-0" + (1 + i % 9), "P-" + (i % 13), "9.99"));
      if (batch.size() == 1_000 || i == to - 1) {
        store.ingestion().ingest(IngestBatch.ofOrders(batch));
        batch.clear();
      }
    }
  }

  private static boolean lastAnalysed(TestDatabase db) throws SQLException {
    return queryLong(db, "SELECT COUNT(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()"
        + " AND relname = 'ci_orders' AND last_analyze IS NOT NULL") == 1;
  }

  private static long estimatedOrders(TestDatabase db) throws SQLException {
    return queryLong(db, "SELECT reltuples::bigint FROM pg_class WHERE oid = CAST('ci_orders' AS regclass)");
  }

  private static long queryLong(TestDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

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
import java.util.ArrayList;
import java.util.List;
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

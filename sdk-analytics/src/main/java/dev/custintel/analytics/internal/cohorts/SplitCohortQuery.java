package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.core.spi.StoreAccess;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windowed statement in two halves of the customers at once, on two connections that read one snapshot, for
 * PostgreSQL: the window that the statement's time goes to runs on one core per statement (PostgreSQL 15 does not
 * run windows in parallel workers), and every sum of the table adds up over disjoint sets of customers. The calling
 * transaction exports its snapshot ({@code pg_export_snapshot()}); a second transaction adopts it
 * ({@code SET TRANSACTION SNAPSHOT}) and counts the customers from a middle id on ({@link #median}), while the caller
 * counts those before it. So both halves see exactly the same orders, as one statement would.
 *
 * <p>At most one split computation runs at a time per client (others run whole on their own connection), so
 * cohort requests can never hold every pooled connection while each waits for a second one. If the second half
 * fails (no connection within the pool's timeout, say), the caller counts it itself. Not API.
 */
final class SplitCohortQuery implements CohortQuery {
  private static final Logger LOG = LoggerFactory.getLogger(SplitCohortQuery.class);
  /** Below this many customers one statement is quick enough, and a second connection not worth it. */
  static final long MIN_CUSTOMERS = 20_000;
  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
  private static final ExecutorService SECOND_HALVES = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "custintel-cohorts");
    t.setDaemon(true);
    return t;
  });

  private final StoreAccess access;
  private final CohortSql sql;
  private final Semaphore oneAtATime;

  SplitCohortQuery(StoreAccess access, CohortSql sql, Semaphore oneAtATime) {
    this.access = Objects.requireNonNull(access, "access");
    this.sql = Objects.requireNonNull(sql, "sql");
    this.oneAtATime = Objects.requireNonNull(oneAtATime, "oneAtATime");
  }

  @Override
  public void run(Handle h, String currency, CohortRequest r, CohortCells out) {
    @Nullable String median = oneAtATime.availablePermits() > 0 ? median(h) : null;
    if (median == null || !oneAtATime.tryAcquire()) {
      new WindowedCohortQuery(access, sql).run(h, currency, r, out);
      return;
    }
    try {
      String snapshot = h.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
      if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
        throw new IllegalStateException("unexpected snapshot id from the database");
      }
      WindowedCohortQuery upper = new WindowedCohortQuery(access, sql, median, null);
      CompletableFuture<CohortCells> second = CompletableFuture.supplyAsync(
          () -> access.inSnapshot("Computing cohort retention (second half)", h2 -> {
            h2.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            CohortCells cells = new CohortCells();
            upper.run(h2, currency, r, cells);
            return cells;
          }), SECOND_HALVES);
      new WindowedCohortQuery(access, sql, null, median).run(h, currency, r, out);
      CohortCells other;
      try {
        other = second.join(); // the snapshot stays valid while this transaction is open
      } catch (CompletionException e) {
        LOG.warn("The second half of a cohort table failed on its own connection ({}); counting it here",
            e.getCause() == null ? e.toString() : e.getCause().toString());
        other = new CohortCells();
        upper.run(h, currency, r, other);
      }
      out.addAll(other);
    } finally {
      oneAtATime.release();
    }
  }

  /**
   * @return where to split the customers so that each half has about half of the orders: the middle bound of the
   *     planner's equal-height histogram of the orders' customer ids (kept up to date by the store's own ANALYZE
   *     after large writes), else the median customer id; null when there are too few customers to split. On the
   *     benchmark shop, whose older customers have more orders, the median customer left 715,843 orders below it
   *     and 322,942 above, and the halves took 0.8 and 0.5 s; the histogram's middle left 510,456 below.
   */
  private @Nullable String median(Handle h) {
    long customers = h.createQuery(access.sql("SELECT COUNT(*) FROM {customers}")).mapTo(Long.class).one();
    if (customers < MIN_CUSTOMERS) {
      return null;
    }
    Optional<String> byOrders = h.createQuery("SELECT (s.histogram_bounds::text::text[])"
            + "[array_length(s.histogram_bounds::text::text[], 1) / 2 + 1]"
            + " FROM pg_stats s JOIN pg_namespace n ON n.nspname = s.schemaname"
            + " JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = n.oid"
            + " WHERE c.oid = CAST(:t AS regclass) AND s.attname = 'customer_id' AND s.histogram_bounds IS NOT NULL")
        .bind("t", access.table("orders"))
        .mapTo(String.class)
        .findFirst();
    if (byOrders.isPresent()) {
      return byOrders.get();
    }
    return h.createQuery(access.sql("SELECT customer_id FROM {customers} ORDER BY customer_id OFFSET "
            + customers / 2 + " ROWS FETCH FIRST 1 ROWS ONLY"))
        .mapTo(String.class)
        .findOne()
        .orElse(null);
  }
}

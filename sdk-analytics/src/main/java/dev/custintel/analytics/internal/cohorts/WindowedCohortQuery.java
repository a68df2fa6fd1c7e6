package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.core.spi.StoreAccess;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * The cohort cells in one ordered pass over the orders, for PostgreSQL. The orders of the currency are read per
 * customer in (placed_at, kind) order, which the index on orders (customer_id, placed_at, kind, currency,
 * total_amount) gives without a sort (purchases before returns placed at the same instant), and which covers the
 * statement once a vacuum has set the table's visibility map. One window over each customer's earlier orders
 * (frame: all preceding rows) carries what the grouping statement ({@link GroupedCohortQuery}) joined back:
 *
 * <ul>
 *   <li>the first purchase: the cohort ck is the period of the earliest purchase up to and including this order,
 *       so orders before the first purchase drop out (no ck), as the join's {@code placed_at >= first_at} drops
 *       them;
 *   <li>the previous purchase: a purchase whose period k is later than the previous purchase's is the customer's
 *       first in k, so counting those counts the customers active in k, without a (customer, period) group.
 * </ul>
 *
 * <p>Each such first purchase in k also carries the k of the previous one (−1 for none), {@code pk}. A customer's
 * last purchase is in k exactly when no later period names k as its previous, so "customers whose last purchase is
 * in k" is the first purchases in k minus those naming k as pk: the statement groups by (ck, k, pk), a few thousand
 * groups, and the sums are split here.
 *
 * <p>Measured on the benchmark shop (1,038,785 orders of 100,000 customers, PostgreSQL 15, monthly): the grouping
 * statement, whose hash aggregate into 455,139 (customer, period) groups and join cost most, took 2.3–3.0 s of one
 * core; this pass 1.7–1.8 s reading the table's rows, 1.2–1.3 s reading the index alone, about half of it the
 * window node. Period keys must not decrease as time goes on, which holds for keys found among the periods' start
 * instants ({@link CohortSql#withPeriodStarts}), as {@link DefaultCohortsClient} asks for; keys read from local
 * dates decrease in the hour a zone repeats when its clocks go back across midnight into a new period. Not API.
 */
final class WindowedCohortQuery implements CohortQuery {
  /** The statement's {@code work_mem}: see {@link #run}. */
  static final String WORK_MEM = "64MB";
  private final StoreAccess access;
  private final CohortSql sql;
  /** The customers this query counts: ids from {@code lower} (inclusive) to {@code upper} (exclusive); null: open. */
  private final @Nullable String lower;
  private final @Nullable String upper;

  WindowedCohortQuery(StoreAccess access, CohortSql sql) {
    this(access, sql, null, null);
  }

  /**
   * A query over a range of customer ids. Every sum of a cohort table adds up over disjoint sets of customers, so
   * ranges that cover all ids give, added, the whole table.
   */
  WindowedCohortQuery(StoreAccess access, CohortSql sql, @Nullable String lower, @Nullable String upper) {
    this.access = Objects.requireNonNull(access, "access");
    this.sql = Objects.requireNonNull(sql, "sql");
    this.lower = lower;
    this.upper = upper;
  }

  @Override
  public void run(Handle h, String code, CohortRequest r, CohortCells out) {
    List<Object> params = new ArrayList<>();
    boolean rolling = r.rollingDays() != null;
    String orders = orders(code, r, !rolling, params);
    // x is what the window carries per purchase: the period key, or with rolling periods the instant (the block
    // of days counts from the first purchase, known only once the window has seen it).
    String x = rolling ? "placed_at" : "p";
    String windowed = "SELECT kind, total_amount, placed_at" + (rolling ? "," : ", p,")
        + " MIN(CASE WHEN kind = 'PURCHASE' THEN " + x + " END) OVER w AS x_first,"
        + " MAX(CASE WHEN kind = 'PURCHASE' THEN " + x + " END) OVER w AS x_prev"
        + " FROM (" + orders + ") o"
        + " WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at, kind"
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
    String first = "COALESCE(x_first, CASE WHEN kind = 'PURCHASE' THEN " + x + " END)";
    String cells;
    if (rolling) {
      int days = r.rollingDays();
      String indexed = "SELECT kind, total_amount, first_at, " + sql.key(r.period(), "first_at") + " AS ck, "
          + sql.rollingIndex("first_at", "placed_at", days) + " AS k, "
          + sql.rollingIndex("first_at", "x_prev", days) + " AS k_prev"
          + " FROM (SELECT kind, total_amount, placed_at, x_prev, " + first + " AS first_at FROM (" + windowed
          + ") wd) f";
      cells = "SELECT ck, k, k_prev, kind, total_amount, first_at FROM (" + indexed + ") i";
    } else {
      cells = "SELECT ck, p - ck AS k, x_prev - ck AS k_prev, kind, total_amount FROM (SELECT kind, total_amount,"
          + " p, x_prev, " + first + " AS ck FROM (" + windowed + ") wd) i";
    }
    StringBuilder where = new StringBuilder(" WHERE ck IS NOT NULL");
    if (r.from() != null) {
      where.append(" AND ck >= ?");
      params.add(CohortSql.key(r.period(), r.from()));
    }
    if (r.to() != null) {
      where.append(" AND ck <= ?");
      params.add(CohortSql.key(r.period(), r.to()));
    }
    // pk: the previous purchase period's k for a customer's first purchase in k (-1: no earlier purchase), else
    // NULL; COUNT(pk) counts those first purchases, that is the customers active in k.
    String statement = "SELECT ck, k, pk, COUNT(pk), SUM(CASE WHEN kind = 'PURCHASE' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN kind = 'PURCHASE' THEN total_amount ELSE -total_amount END)"
        + (rolling ? ", MIN(first_at)" : "")
        + " FROM (SELECT ck, k, kind, total_amount" + (rolling ? ", first_at" : "") + ","
        + " CASE WHEN kind = 'PURCHASE' AND (k_prev IS NULL OR k_prev < k) THEN COALESCE(k_prev, -1) END AS pk"
        + " FROM (" + cells + ") c" + where + ") x GROUP BY ck, k, pk";
    // The final aggregate has up to some 80,000 (cohort, k, pk) groups (weekly, two years): at PostgreSQL's default
    // 4 MB it spilled to disk, 0.6 s of a half's 2.2 s on the benchmark shop; about 45 MB keeps it in memory. Only
    // for this transaction (SET LOCAL).
    h.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
    Query q = h.createQuery(access.sql(statement));
    for (int i = 0; i < params.size(); i++) {
      q.bind(i, params.get(i));
    }
    q.map((rs, ctx) -> {
      long key = rs.getLong(1);
      int k = rs.getInt(2);
      long pk = rs.getLong(3);
      boolean firstInK = !rs.wasNull();
      long active = rs.getLong(4);
      out.add(key, k, new CohortCells.Sums(active, rs.getLong(5), rs.getBigDecimal(6), active));
      if (firstInK && pk >= 0) { // these customers' last purchase is not in pk after all
        out.add(key, (int) pk, new CohortCells.Sums(0, 0, BigDecimal.ZERO, -active));
      }
      if (rolling) {
        out.firstPurchase(key, rs.getObject(7, OffsetDateTime.class).toInstant());
      }
      return Boolean.TRUE;
    }).list();
  }

  /**
   * SQL for the orders of the currency, with their period key {@code p} if asked, of the customers the filters keep (a
   * filter keeps or drops a customer's orders whole); adds its parameters.
   */
  private String orders(String code, CohortRequest r, boolean withKey, List<Object> params) {
    StringBuilder s = new StringBuilder("SELECT o.customer_id, o.kind, o.total_amount, o.placed_at");
    if (withKey) {
      s.append(", ").append(sql.key(r.period(), "o.placed_at")).append(" AS p");
    }
    s.append(" FROM {orders} o WHERE o.currency = ?");
    params.add(code);
    if (lower != null) {
      s.append(" AND o.customer_id >= ?");
      params.add(lower);
    }
    if (upper != null) {
      s.append(" AND o.customer_id < ?");
      params.add(upper);
    }
    if (r.country() != null) {
      s.append(" AND o.customer_id IN (SELECT c.customer_id FROM {customers} c WHERE c.country = ?)");
      params.add(r.country());
    }
    if (r.firstProduct() != null || r.firstCategory() != null) {
      // customers whose first purchase (in the currency) has the product, or a product of the category
      s.append(" AND o.customer_id IN (SELECT fo.customer_id FROM {orders} fo"
          + " JOIN {order_lines} l ON l.order_id = fo.order_id");
      if (r.firstCategory() != null) {
        s.append(" JOIN {products} pr ON pr.product_id = l.product_id AND pr.category = ?");
        params.add(r.firstCategory());
      }
      s.append(" WHERE fo.kind = 'PURCHASE' AND fo.currency = ?");
      params.add(code);
      if (r.firstProduct() != null) {
        s.append(" AND l.product_id = ?");
        params.add(r.firstProduct());
      }
      s.append(" AND fo.placed_at = (SELECT MIN(f2.placed_at) FROM {orders} f2 WHERE f2.customer_id = fo.customer_id"
          + " AND f2.kind = 'PURCHASE' AND f2.currency = ?))");
      params.add(code);
    }
    return s.toString();
  }
}

package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.core.spi.StoreAccess;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The cohort cells by grouping: each customer's first purchase, joined back to their orders, grouped per customer
 * and period, then per (cohort, k). Per (cohort, k) it returns the customers with a purchase in k, the purchases,
 * the revenue net of returns, and the customers whose last purchase is in k. Used on H2; on PostgreSQL the hash
 * aggregate of a million orders into 455,139 (customer, period) groups and the join made it take 2.3–3.0 s of one
 * core, which {@link WindowedCohortQuery} avoids. Not API.
 */
final class GroupedCohortQuery implements CohortQuery {
  private final StoreAccess access;
  private final CohortSql sql;

  GroupedCohortQuery(StoreAccess access, CohortSql sql) {
    this.access = Objects.requireNonNull(access, "access");
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  @Override
  public void run(Handle h, String code, CohortRequest r, CohortCells out) {
    String index = r.rollingDays() == null
        ? "(" + sql.key(r.period(), "o.placed_at") + " - fc.ck)"
        : sql.rollingIndex("fc.first_at", "o.placed_at", r.rollingDays());
    // One row per customer and period k in which they bought or returned something.
    String perCustomer = "SELECT fc.ck, o.customer_id, MIN(fc.first_at) AS first_at, " + index + " AS k,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN 1 ELSE 0 END) AS purchases,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN o.total_amount ELSE -o.total_amount END) AS revenue"
        + " FROM (" + cohortCustomers(r) + ") fc"
        + " JOIN {orders} o ON o.customer_id = fc.customer_id AND o.currency = ? AND o.placed_at >= fc.first_at"
        + " GROUP BY fc.ck, o.customer_id, " + index;
    // Per (cohort, k): customers who bought, purchases, revenue, and the customers whose last purchase is in k
    // ("ending"), from which the cohort's size and its "on or after" counts are sums.
    bindFilters(h.createQuery(access.sql("SELECT ck, k, SUM(CASE WHEN purchases > 0 THEN 1 ELSE 0 END),"
                + " SUM(purchases), SUM(revenue), SUM(CASE WHEN k = last_k THEN 1 ELSE 0 END), MIN(first_at)"
                + " FROM (SELECT pc.ck, pc.k, pc.purchases, pc.revenue, pc.first_at,"
                + " MAX(CASE WHEN pc.purchases > 0 THEN pc.k END) OVER (PARTITION BY pc.customer_id) AS last_k"
                + " FROM (" + perCustomer + ") pc) x GROUP BY ck, k")), code, r)
        .bind(filterCount(r), code)
        .map((rs, ctx) -> {
          long key = rs.getLong(1);
          out.add(key, rs.getInt(2),
              new CohortCells.Sums(rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6)));
          out.firstPurchase(key, rs.getObject(7, OffsetDateTime.class).toInstant());
          return Boolean.TRUE;
        })
        .list();
  }

  /**
   * SQL for the cohort's customers: {@code customer_id, first_at, ck}, one row each, filtered. Its parameters, in
   * order: the currency, then the filters ({@link #bindFilters}).
   */
  private String cohortCustomers(CohortRequest r) {
    StringBuilder s = new StringBuilder("SELECT f.customer_id, f.first_at, f.ck FROM (SELECT o.customer_id,"
        + " MIN(o.placed_at) AS first_at, " + sql.key(r.period(), "MIN(o.placed_at)") + " AS ck"
        + " FROM {orders} o WHERE o.kind = 'PURCHASE' AND o.currency = ? GROUP BY o.customer_id) f");
    if (r.country() != null) {
      s.append(" JOIN {customers} c ON c.customer_id = f.customer_id AND c.country = ?");
    }
    s.append(" WHERE 1 = 1");
    if (r.from() != null) {
      s.append(" AND f.ck >= ?");
    }
    if (r.to() != null) {
      s.append(" AND f.ck <= ?");
    }
    if (r.firstProduct() != null || r.firstCategory() != null) {
      s.append(" AND EXISTS (SELECT 1 FROM {orders} fo JOIN {order_lines} l ON l.order_id = fo.order_id");
      if (r.firstCategory() != null) {
        s.append(" JOIN {products} p ON p.product_id = l.product_id AND p.category = ?");
      }
      s.append(" WHERE fo.customer_id = f.customer_id AND fo.kind = 'PURCHASE' AND fo.currency = ?"
          + " AND fo.placed_at = f.first_at");
      if (r.firstProduct() != null) {
        s.append(" AND l.product_id = ?");
      }
      s.append(")");
    }
    return s.toString();
  }

  /** Binds {@link #cohortCustomers}' parameters from position 0; @return the query */
  private static Query bindFilters(Query q, String currency, CohortRequest r) {
    int i = 0;
    q.bind(i++, currency);
    if (r.country() != null) {
      q.bind(i++, r.country());
    }
    if (r.from() != null) {
      q.bind(i++, CohortSql.key(r.period(), r.from()));
    }
    if (r.to() != null) {
      q.bind(i++, CohortSql.key(r.period(), r.to()));
    }
    if (r.firstProduct() != null || r.firstCategory() != null) {
      if (r.firstCategory() != null) {
        q.bind(i++, r.firstCategory());
      }
      q.bind(i++, currency);
      if (r.firstProduct() != null) {
        q.bind(i++, r.firstProduct());
      }
    }
    return q;
  }

  /** @return the number of parameters {@link #bindFilters} binds */
  private static int filterCount(CohortRequest r) {
    int n = 1;
    n += r.country() != null ? 1 : 0;
    n += r.from() != null ? 1 : 0;
    n += r.to() != null ? 1 : 0;
    if (r.firstProduct() != null || r.firstCategory() != null) {
      n += 1 + (r.firstCategory() != null ? 1 : 0) + (r.firstProduct() != null ? 1 : 0);
    }
    return n;
  }
}

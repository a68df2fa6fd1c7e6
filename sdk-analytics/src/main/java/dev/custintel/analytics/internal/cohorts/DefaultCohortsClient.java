package dev.custintel.analytics.internal.cohorts;

import dev.custintel.analytics.cohorts.Cohort;
import dev.custintel.analytics.cohorts.CohortCell;
import dev.custintel.analytics.cohorts.CohortInsight;
import dev.custintel.analytics.cohorts.CohortPeriod;
import dev.custintel.analytics.cohorts.CohortRequest;
import dev.custintel.analytics.cohorts.CohortTable;
import dev.custintel.analytics.cohorts.CohortsClient;
import dev.custintel.analytics.internal.ShopCurrencies;
import dev.custintel.core.model.Money;
import dev.custintel.core.spi.StoreAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Cohort tables computed by the database: one aggregate statement (after the currency and the data's end), whose
 * result grows with cohorts and periods, never with orders or customers. Per (cohort, k) it returns the customers
 * with a purchase in k, the purchases, the revenue net of returns, and the customers whose last purchase is in k;
 * the cohort's size is the sum of the last, and "on or after" at k its sum over k and later. Not API.
 */
public final class DefaultCohortsClient implements CohortsClient {
  private final StoreAccess access;

  /** @param access the store */
  public DefaultCohortsClient(StoreAccess access) {
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public CohortTable retention(CohortRequest request) {
    Objects.requireNonNull(request, "request");
    CohortSql sql = new CohortSql(access.kind(), request.zone());
    return access.inSnapshot("Computing cohort retention", h -> compute(h, sql, request));
  }

  private CohortTable compute(Handle h, CohortSql sql, CohortRequest r) {
    Currency currency = r.currency() != null ? r.currency() : ShopCurrencies.only(access, h);
    if (currency == null) {
      return new CohortTable(r.period(), r.zone(), null, r.rollingDays(), List.of(), List.of());
    }
    String code = currency.getCurrencyCode();
    OffsetDateTime last = h.createQuery(access.sql(
            "SELECT MAX(placed_at) FROM {orders} WHERE currency = ?"))
        .bind(0, code)
        .mapTo(OffsetDateTime.class)
        .findOne()
        .orElse(null);
    if (last == null) {
      return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), List.of(), List.of());
    }
    Instant dataEnd = last.toInstant();

    String index = r.rollingDays() == null
        ? "(" + sql.key(r.period(), "o.placed_at") + " - fc.ck)"
        : sql.rollingIndex("fc.first_at", "o.placed_at", r.rollingDays());
    // One row per customer and period k in which they bought or returned something.
    String perCustomer = "SELECT fc.ck, o.customer_id, MIN(fc.first_at) AS first_at, " + index + " AS k,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN 1 ELSE 0 END) AS purchases,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN o.total_amount ELSE -o.total_amount END) AS revenue"
        + " FROM (" + cohortCustomers(sql, r) + ") fc"
        + " JOIN {orders} o ON o.customer_id = fc.customer_id AND o.currency = ? AND o.placed_at >= fc.first_at"
        + " GROUP BY fc.ck, o.customer_id, " + index;
    // Per (cohort, k): customers who bought, purchases, revenue, and the customers whose last purchase is in k
    // ("ending"), from which the cohort's size and its "on or after" counts are sums.
    Map<Long, Map<Integer, Cell>> cells = new TreeMap<>();
    Map<Long, Instant> earliest = new HashMap<>();
    bindFilters(h.createQuery(access.sql("SELECT ck, k, SUM(CASE WHEN purchases > 0 THEN 1 ELSE 0 END),"
                + " SUM(purchases), SUM(revenue), SUM(CASE WHEN k = last_k THEN 1 ELSE 0 END), MIN(first_at)"
                + " FROM (SELECT pc.ck, pc.k, pc.purchases, pc.revenue, pc.first_at,"
                + " MAX(CASE WHEN pc.purchases > 0 THEN pc.k END) OVER (PARTITION BY pc.customer_id) AS last_k"
                + " FROM (" + perCustomer + ") pc) x GROUP BY ck, k")), code, r)
        .bind(filterCount(r), code)
        .map((rs, ctx) -> {
          long key = rs.getLong(1);
          cells.computeIfAbsent(key, x -> new HashMap<>())
              .put(rs.getInt(2), new Cell(rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6)));
          Instant first = rs.getObject(7, OffsetDateTime.class).toInstant();
          earliest.merge(key, first, (a, b) -> a.isBefore(b) ? a : b);
          return Boolean.TRUE;
        })
        .list();
    if (cells.isEmpty()) {
      return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), List.of(), List.of());
    }

    List<Cohort> cohorts = new ArrayList<>(cells.size());
    for (Map.Entry<Long, Map<Integer, Cell>> e : cells.entrySet()) {
      long key = e.getKey();
      int columns = columns(r, key, Objects.requireNonNull(earliest.get(key), "earliest"), dataEnd);
      cohorts.add(cohort(r.period(), key, columns, currency, e.getValue()));
    }
    return new CohortTable(r.period(), r.zone(), currency, r.rollingDays(), cohorts,
        CohortInsights.of(cohorts, r.period(), r.rollingDays(), r.minimumCohortSize(), r.insightPeriod()));
  }

  /** How many periods (k = 0 … columns − 1) a cohort has up to the data's end. */
  private static int columns(CohortRequest r, long key, Instant earliest, Instant dataEnd) {
    long last;
    if (r.rollingDays() == null) {
      last = CohortSql.key(r.period(), dataEnd.atZone(r.zone()).toLocalDate()) - key;
    } else {
      long seconds = dataEnd.getEpochSecond() - earliest.getEpochSecond();
      last = Math.floorDiv(seconds, 86_400L * r.rollingDays());
    }
    return (int) Math.max(1, Math.min(last + 1, 100_000));
  }

  private static Cohort cohort(
      CohortPeriod period, long key, int columns, Currency currency, Map<Integer, Cell> cells) {
    long customers = 0;
    long[] onOrAfter = new long[columns];
    for (Map.Entry<Integer, Cell> e : cells.entrySet()) {
      customers += e.getValue().ending();
      // a last purchase past the data's end cannot be; it would count in the last column
      int k = Math.min(e.getKey(), columns - 1);
      onOrAfter[k] += e.getValue().ending();
    }
    for (int k = columns - 2; k >= 0; k--) { // "on or after" at k: customers whose last purchase is in k or later
      onOrAfter[k] += onOrAfter[k + 1];
    }
    List<CohortCell> out = new ArrayList<>(columns);
    BigDecimal cumulative = BigDecimal.ZERO;
    for (int k = 0; k < columns; k++) {
      Cell c = cells.getOrDefault(k, Cell.EMPTY);
      cumulative = cumulative.add(c.revenue());
      out.add(new CohortCell(k, c.active(), onOrAfter[k], (double) c.active() / customers,
          (double) onOrAfter[k] / customers, c.orders(), new Money(c.revenue(), currency).normalized(),
          new Money(cumulative, currency).dividedBy(customers)));
    }
    LocalDate start = CohortSql.start(period, key);
    return new Cohort(period.label(start), start, customers, out);
  }

  /** One (cohort, k) of the statement: customers who bought, purchases, revenue, customers whose last it is. */
  private record Cell(long active, long orders, BigDecimal revenue, long ending) {
    static final Cell EMPTY = new Cell(0, 0, BigDecimal.ZERO, 0);
  }

  /**
   * SQL for the cohort's customers: {@code customer_id, first_at, ck}, one row each, filtered. Its parameters, in
   * order: the currency, then the filters ({@link #bindFilters}).
   */
  private String cohortCustomers(CohortSql sql, CohortRequest r) {
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

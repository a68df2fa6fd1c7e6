package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.activity.ActivityClient;
import dev.custintel.analytics.activity.PeriodActivity;
import dev.custintel.analytics.activity.ProductSales;
import dev.custintel.analytics.activity.ShopActivity;
import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.model.Money;
import dev.custintel.core.spi.StoreAccess;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shop's activity in three aggregate statements in one snapshot: distinct purchasers over the orders' time
 * index, today's orders and net revenue grouped by currency, and the active run's count of high-risk scores (the
 * same predicate as {@link ActiveRunGauges}). Not API.
 */
public final class DefaultActivityClient implements ActivityClient {
  private final StoreAccess access;

  /** @param access the store */
  public DefaultActivityClient(StoreAccess access) {
    this.access = Objects.requireNonNull(access, "access");
  }

  /** One currency's purchases and net revenue of the day. */
  private record CurrencyDay(long purchases, Money net) {}

  @Override
  public ShopActivity now(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    Instant at = access.store().clock().instant();
    LocalDate day = at.atZone(zone).toLocalDate();
    Instant start = day.atStartOfDay(zone).toInstant();
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    return access.inSnapshot("Reading the shop's activity", h -> {
      long active = h.createQuery(access.sql("SELECT COUNT(DISTINCT customer_id) FROM {orders}"
              + " WHERE kind = 'PURCHASE' AND placed_at >= :from AND placed_at <= :at"))
          .bind("from", utc(at.minus(ShopActivity.ACTIVE_WINDOW)))
          .bind("at", utc(at))
          .mapTo(Long.class)
          .one();
      List<CurrencyDay> rows = h.createQuery(access.sql("SELECT currency,"
              + " SUM(CASE WHEN kind = 'PURCHASE' THEN 1 ELSE 0 END),"
              + " SUM(CASE WHEN kind = 'PURCHASE' THEN total_amount ELSE -total_amount END)"
              + " FROM {orders} WHERE placed_at >= :start AND placed_at < :end GROUP BY currency ORDER BY currency"))
          .bind("start", utc(start))
          .bind("end", utc(end))
          .map((rs, ctx) -> new CurrencyDay(rs.getLong(2),
              Money.of(rs.getBigDecimal(3), Money.currency(rs.getString(1).trim())).normalized()))
          .list();
      long orders = 0;
      List<Money> revenue = new ArrayList<>();
      for (CurrencyDay r : rows) {
        orders += r.purchases();
        revenue.add(r.net());
      }
      @Nullable Long highRisk = h.createQuery(access.sql("SELECT a.run_id, (SELECT COUNT(*) FROM {customer_scores} s"
              + " WHERE s.run_id = a.run_id AND 1 - s.p_alive >= :high) FROM {active_models} a WHERE a.kind = :kind"))
          .bind("high", RiskLevel.HIGH.lowerBound())
          .bind("kind", RunStore.KIND)
          .map((rs, ctx) -> {
            rs.getLong(1);
            return rs.wasNull() ? null : rs.getLong(2);
          })
          .findOne()
          .orElse(null);
      return new ShopActivity(at, zone, day, active, orders, revenue, highRisk);
    });
  }

  @Override
  public PeriodActivity period(@Nullable DateRange period) {
    String in = period == null ? "" : " AND placed_at >= :from AND placed_at < :to";
    return access.inSnapshot("Reading the shop's figures over a period", h -> {
      var orders = h.createQuery(access.sql("SELECT currency,"
              + " SUM(CASE WHEN kind = 'PURCHASE' THEN 1 ELSE 0 END),"
              + " SUM(CASE WHEN kind = 'RETURN' THEN 1 ELSE 0 END),"
              + " SUM(CASE WHEN kind = 'PURCHASE' THEN total_amount ELSE -total_amount END)"
              + " FROM {orders} WHERE 1 = 1" + in + " GROUP BY currency ORDER BY currency"));
      bindPeriod(orders, period);
      long[] counts = new long[2];
      List<Money> revenue = new ArrayList<>();
      orders.map((rs, ctx) -> {
        counts[0] += rs.getLong(2);
        counts[1] += rs.getLong(3);
        return Money.of(rs.getBigDecimal(4), Money.currency(rs.getString(1).trim())).normalized();
      }).forEach(revenue::add);
      // A returning customer bought before the period; everyone else who bought in it is new.
      var customers = h.createQuery(access.sql("SELECT COUNT(*),"
              + " SUM(CASE WHEN EXISTS (SELECT 1 FROM {orders} e WHERE e.customer_id = p.customer_id"
              + " AND e.kind = 'PURCHASE'" + (period == null ? " AND 1 = 0" : " AND e.placed_at < :from")
              + ") THEN 1 ELSE 0 END)"
              + " FROM (SELECT DISTINCT customer_id FROM {orders} WHERE kind = 'PURCHASE'" + in + ") p"));
      bindPeriod(customers, period);
      long[] people = customers.map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
      return new PeriodActivity(period, counts[0], counts[1], revenue, people[0], people[0] - people[1], people[1]);
    });
  }

  @Override
  public List<ProductSales> topProducts(@Nullable DateRange period, int limit) {
    if (limit < 1 || limit > 1_000) {
      throw InvalidInputException.argument("limit", "must be between 1 and 1000 (was " + limit + ")");
    }
    String in = period == null ? "" : " AND o.placed_at >= :from AND o.placed_at < :to";
    return access.read("Listing the best-selling products", h -> {
      var q = h.createQuery(access.sql("SELECT s.product_id, p.name, s.orders, s.units, s.buyers FROM ("
          + "SELECT l.product_id, COUNT(DISTINCT l.order_id) AS orders, SUM(l.quantity) AS units,"
          + " COUNT(DISTINCT o.customer_id) AS buyers"
          + " FROM {order_lines} l JOIN {orders} o ON o.order_id = l.order_id"
          + " WHERE o.kind = 'PURCHASE'" + in + " GROUP BY l.product_id) s"
          + " LEFT JOIN {products} p ON p.product_id = s.product_id"
          + " ORDER BY s.orders DESC, s.units DESC, s.product_id FETCH FIRST " + limit + " ROWS ONLY"));
      bindPeriod(q, period);
      int[] rank = {0};
      return q.map((rs, ctx) -> new ProductSales(++rank[0], rs.getString(1), rs.getString(2), rs.getLong(3),
          rs.getLong(4), rs.getLong(5))).list();
    });
  }

  @Override
  public long inactiveCustomers(int days) {
    if (days < 1) {
      throw InvalidInputException.argument("days", "must be at least 1 (was " + days + ")");
    }
    Instant cutoff = access.store().clock().instant().minusSeconds(86_400L * days);
    return access.read("Counting inactive customers", h -> h.createQuery(access.sql("SELECT COUNT(*) FROM ("
            + "SELECT customer_id, MAX(placed_at) AS last_at FROM {orders} WHERE kind = 'PURCHASE'"
            + " GROUP BY customer_id) l WHERE l.last_at <= :cutoff"))
        .bind("cutoff", utc(cutoff))
        .mapTo(Long.class)
        .one());
  }

  private static void bindPeriod(org.jdbi.v3.core.statement.Query q, @Nullable DateRange period) {
    if (period != null) {
      q.bind("from", utc(period.from()));
      q.bind("to", utc(period.to()));
    }
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.activity.ActivityClient;
import dev.custintel.analytics.activity.ShopActivity;
import dev.custintel.analytics.churn.RiskLevel;
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

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

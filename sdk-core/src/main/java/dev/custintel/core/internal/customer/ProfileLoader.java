package dev.custintel.core.internal.customer;

import dev.custintel.core.CustintelException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CategoryStat;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.customer.ProductStat;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Probabilities;
import dev.custintel.core.spi.ScoreTables;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Reads one customer's profile, scores included, with two indexed queries (two round trips) on one connection. Not
 * API.
 */
final class ProfileLoader {
  /** The kind of model run whose scores profiles show. */
  static final String SCORES_MODEL = ScoreTables.CLV_KIND;
  private static final int TOP_PRODUCTS = 5;
  private static final int TOP_CATEGORIES = 3;

  private final Tables t;

  ProfileLoader(Tables tables) {
    this.t = tables;
  }

  /** Per (currency, kind) aggregate of a customer's orders. */
  private record Agg(
      String currency, String kind, long count, BigDecimal amount, @Nullable Instant first, @Nullable Instant last) {}

  private record Row(
      String id, @Nullable String email, @Nullable String name, @Nullable String country,
      @Nullable Instant signedUpAt) {}

  CustomerProfile load(Handle h, String customerId, Instant now) {
    // One round trip for the customer, the per (currency, kind) aggregates of their orders and their scores in the
    // active clv run: a customer without orders gives one row with null aggregates, an unknown customer none. The
    // scores' joins match at most one row each (primary keys: kind, then (run_id, customer_id), then run_id), so
    // they repeat the same values on every aggregate row rather than multiplying rows; reading the active run and
    // its scores in one statement also sees them consistently while a new run is being activated.
    Row[] customer = new Row[1];
    CustomerScores[] scores = new CustomerScores[1];
    double[] ages = new double[1];
    String[] units = new String[1];
    List<Agg> aggs = new ArrayList<>();
    h.createQuery(t.sql(
            "SELECT c.customer_id, c.email, c.name, c.country, c.signed_up_at,"
                + " a.currency, a.kind, a.cnt, a.amt, a.first_at, a.last_at,"
                + " s.run_id, r.calibration_end, r.currency, r.horizon_months, r.interval_level,"
                + " s.p_alive, s.expected_purchases, s.ltv, s.ltv_low, s.ltv_high, s.age, r.period_unit"
                + " FROM {customers} c LEFT JOIN ("
                + "SELECT customer_id, currency, kind, COUNT(*) AS cnt, SUM(total_amount) AS amt,"
                + " MIN(placed_at) AS first_at, MAX(placed_at) AS last_at"
                + " FROM {orders} WHERE customer_id = ? GROUP BY customer_id, currency, kind"
                + ") a ON a.customer_id = c.customer_id"
                + " LEFT JOIN {active_models} m ON m.kind = '" + SCORES_MODEL + "'"
                + " LEFT JOIN {customer_scores} s ON s.run_id = m.run_id AND s.customer_id = c.customer_id"
                + " LEFT JOIN {model_runs} r ON r.run_id = s.run_id"
                + " WHERE c.customer_id = ?"))
        .bind(0, customerId)
        .bind(1, customerId)
        .map((rs, ctx) -> {
          if (customer[0] == null) {
            customer[0] = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)));
            scores[0] = scores(rs, customerId);
            ages[0] = rs.getDouble(22);
            units[0] = rs.getString(23);
          }
          String currency = rs.getString(6);
          if (currency != null) {
            aggs.add(new Agg(currency.trim(), rs.getString(7), rs.getLong(8), rs.getBigDecimal(9),
                instant(rs.getObject(10, OffsetDateTime.class)), instant(rs.getObject(11, OffsetDateTime.class))));
          }
          return Boolean.TRUE;
        })
        .list();
    Row c = customer[0];
    if (c == null) {
      throw NotFoundException.customer(customerId);
    }
    if (scores[0] != null) {
      scores[0] = withScoredAsOf(scores[0], aggs, ages[0], units[0]);
    }

    // Primary currency: the one with the most purchases (ties: alphabetical), so money figures never mix units.
    String primary = aggs.stream()
        .filter(a -> a.kind().equals("PURCHASE"))
        .max(Comparator.comparingLong(Agg::count).thenComparing(Agg::currency, Comparator.reverseOrder()))
        .map(Agg::currency)
        .orElse(null);

    long orders = 0;
    long returns = 0;
    long other = 0;
    BigDecimal purchased = BigDecimal.ZERO;
    BigDecimal returned = BigDecimal.ZERO;
    Instant first = null;
    Instant last = null;
    for (Agg a : aggs) {
      boolean purchase = a.kind().equals("PURCHASE");
      if (purchase) {
        orders += a.count();
        first = min(first, a.first());
        last = max(last, a.last());
      } else {
        returns += a.count();
      }
      if (!a.currency().equals(primary)) {
        other += a.count();
      } else if (purchase) {
        purchased = purchased.add(a.amount());
      } else {
        returned = returned.add(a.amount());
      }
    }
    Money total = null;
    Money aov = null;
    List<ProductStat> products = List.of();
    List<CategoryStat> categories = List.of();
    if (primary != null) {
      Currency cur = Currency.getInstance(primary);
      long primaryOrders = aggs.stream()
          .filter(a -> a.kind().equals("PURCHASE") && a.currency().equals(primary))
          .mapToLong(Agg::count).sum();
      total = new Money(purchased.subtract(returned), cur).normalized();
      aov = new Money(purchased, cur).dividedBy(primaryOrders);
      List<ProductStat> productStats = new ArrayList<>();
      List<CategoryStat> categoryStats = new ArrayList<>();
      topItems(h, customerId, primary, productStats, categoryStats);
      products = productStats;
      categories = categoryStats;
    }
    Instant tenureStart = min(c.signedUpAt(), first);
    return new CustomerProfile(
        c.id(), c.email(), c.name(), c.country(), c.signedUpAt(),
        orders, returns, total, aov, other, first, last,
        last == null ? null : wholeDays(last, now),
        tenureStart == null ? null : wholeDays(tenureStart, now),
        products, categories, now, scores[0]);
  }

  /** The scores from columns 12 to 21 of the profile query; null when the active run has none for the customer. */
  private static @Nullable CustomerScores scores(ResultSet rs, String customerId) throws SQLException {
    long runId = rs.getLong(12);
    if (rs.wasNull()) {
      return null;
    }
    LocalDate calibrationEnd = rs.getObject(13, LocalDate.class);
    Currency currency = Currency.getInstance(rs.getString(14).trim());
    return new CustomerScores(runId, calibrationEnd,
        Probabilities.rounded(rs.getDouble(17)),
        rs.getDouble(18),
        money(rs.getDouble(19), currency, runId, customerId),
        money(rs.getDouble(20), currency, runId, customerId),
        money(rs.getDouble(21), currency, runId, customerId),
        rs.getDouble(15),
        rs.getDouble(16));
  }

  /**
   * The scores with the day they are as of: the run's, or later for a customer re-scored after a purchase past the
   * run's day. A score's age (T) runs from the customer's first purchase day in the run's currency (UTC) to that
   * day, in the run's unit, so the day is the first purchase day plus the age; for the rows a run wrote it is the
   * run's day.
   */
  private static CustomerScores withScoredAsOf(CustomerScores s, List<Agg> aggs, double age, @Nullable String unit) {
    String currency = s.lifetimeValue().currency().getCurrencyCode();
    Instant first = aggs.stream()
        .filter(a -> a.kind().equals("PURCHASE") && a.currency().equals(currency))
        .map(Agg::first)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
    if (first == null || unit == null) {
      return s;
    }
    long days = Math.round(age * (unit.trim().equals("WEEKS") ? 7 : 1));
    LocalDate asOf = LocalDate.ofInstant(first, java.time.ZoneOffset.UTC).plusDays(days);
    if (!asOf.isAfter(s.scoredAsOf())) {
      return s;
    }
    return new CustomerScores(s.runId(), asOf, s.probabilityAlive(), s.expectedPurchases(), s.lifetimeValue(),
        s.lifetimeValueLow(), s.lifetimeValueHigh(), s.horizonMonths(), s.intervalLevel());
  }

  /** A model's money figure in the run's currency, by the one rounding rule ({@link Money#rounded}). */
  private static Money money(double value, Currency currency, long runId, String customerId) {
    if (!Double.isFinite(value)) {
      throw new CustintelException("The " + SCORES_MODEL + " model run " + runId + " has no finite lifetime value"
          + " for customer '" + customerId + "' (" + value + "): the run is damaged. Refresh the model to replace it.");
    }
    return Money.rounded(value, currency);
  }

  /** Top products and top categories of the customer's purchases in one currency, in one round trip. */
  private void topItems(
      Handle h, String customerId, String currency, List<ProductStat> products, List<CategoryStat> categories) {
    String from = " FROM {orders} o JOIN {order_lines} l ON l.order_id = o.order_id"
        + " JOIN {products} p ON p.product_id = l.product_id"
        + " WHERE o.customer_id = ? AND o.kind = 'PURCHASE' AND o.currency = ?";
    h.createQuery(t.sql(
            "(SELECT 'P' AS k, l.product_id AS id, p.name AS name, p.category AS category, SUM(l.quantity) AS qty,"
                + " COUNT(DISTINCT o.order_id) AS orders, SUM(l.amount) AS amt" + from
                + " GROUP BY l.product_id, p.name, p.category ORDER BY qty DESC, amt DESC, id LIMIT " + TOP_PRODUCTS
                + ") UNION ALL "
                + "(SELECT 'C' AS k, NULL AS id, NULL AS name, p.category AS category, SUM(l.quantity) AS qty,"
                + " 0 AS orders, SUM(l.amount) AS amt" + from + " AND p.category IS NOT NULL"
                + " GROUP BY p.category ORDER BY amt DESC, qty DESC, category LIMIT " + TOP_CATEGORIES + ")"))
        .bind(0, customerId)
        .bind(1, currency)
        .bind(2, customerId)
        .bind(3, currency)
        .map((rs, ctx) -> {
          BigDecimal amount = rs.getBigDecimal("amt").stripTrailingZeros();
          if (rs.getString("k").equals("P")) {
            products.add(new ProductStat(rs.getString("id"), rs.getString("name"), rs.getString("category"),
                rs.getLong("qty"), rs.getLong("orders"), amount));
          } else {
            categories.add(new CategoryStat(rs.getString("category"), rs.getLong("qty"), amount));
          }
          return Boolean.TRUE;
        })
        .list();
    // UNION ALL keeps each branch's rows together but not necessarily the branches' own order: sort again.
    products.sort(Comparator.comparingLong(ProductStat::quantity).reversed()
        .thenComparing(ProductStat::amount, Comparator.reverseOrder()).thenComparing(ProductStat::productId));
    categories.sort(Comparator.comparing(CategoryStat::amount, Comparator.reverseOrder())
        .thenComparing(Comparator.comparingLong(CategoryStat::quantity).reversed())
        .thenComparing(CategoryStat::category));
  }

  static long wholeDays(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toDays());
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime odt) {
    return odt == null ? null : odt.toInstant();
  }

  private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }
}

package dev.custintel.core.internal.customer;

import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CategoryStat;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.ProductStat;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** Reads one customer's profile with three indexed queries on one connection. Not API. */
final class ProfileLoader {
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
    Row c = h.createQuery(t.sql(
            "SELECT customer_id, email, name, country, signed_up_at FROM {customers} WHERE customer_id = ?"))
        .bind(0, customerId)
        .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            instant(rs.getObject(5, OffsetDateTime.class))))
        .findOne()
        .orElseThrow(() -> new NotFoundException("customer", customerId));

    List<Agg> aggs = h.createQuery(t.sql(
            "SELECT currency, kind, COUNT(*), SUM(total_amount), MIN(placed_at), MAX(placed_at)"
                + " FROM {orders} WHERE customer_id = ? GROUP BY currency, kind"))
        .bind(0, customerId)
        .map((rs, ctx) -> new Agg(rs.getString(1).trim(), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
            instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
        .list();

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
      aov = new Money(purchased.divide(BigDecimal.valueOf(primaryOrders), 2, RoundingMode.HALF_EVEN), cur);
      products = topProducts(h, customerId, primary);
      categories = topCategories(h, customerId, primary);
    }
    Instant tenureStart = min(c.signedUpAt(), first);
    return new CustomerProfile(
        c.id(), c.email(), c.name(), c.country(), c.signedUpAt(),
        orders, returns, total, aov, other, first, last,
        last == null ? null : wholeDays(last, now),
        tenureStart == null ? null : wholeDays(tenureStart, now),
        products, categories, now);
  }

  private List<ProductStat> topProducts(Handle h, String customerId, String currency) {
    return h.createQuery(t.sql(
            "SELECT l.product_id, p.name, p.category, SUM(l.quantity) AS qty, COUNT(DISTINCT o.order_id),"
                + " SUM(l.amount) AS amt"
                + " FROM {orders} o JOIN {order_lines} l ON l.order_id = o.order_id"
                + " JOIN {products} p ON p.product_id = l.product_id"
                + " WHERE o.customer_id = ? AND o.kind = 'PURCHASE' AND o.currency = ?"
                + " GROUP BY l.product_id, p.name, p.category"
                + " ORDER BY qty DESC, amt DESC, l.product_id"
                + " LIMIT " + TOP_PRODUCTS))
        .bind(0, customerId)
        .bind(1, currency)
        .map((rs, ctx) -> new ProductStat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getLong(5), rs.getBigDecimal(6).stripTrailingZeros()))
        .list();
  }

  private List<CategoryStat> topCategories(Handle h, String customerId, String currency) {
    return new ArrayList<>(h.createQuery(t.sql(
            "SELECT p.category, SUM(l.quantity) AS qty, SUM(l.amount) AS amt"
                + " FROM {orders} o JOIN {order_lines} l ON l.order_id = o.order_id"
                + " JOIN {products} p ON p.product_id = l.product_id"
                + " WHERE o.customer_id = ? AND o.kind = 'PURCHASE' AND o.currency = ? AND p.category IS NOT NULL"
                + " GROUP BY p.category"
                + " ORDER BY amt DESC, qty DESC, p.category"
                + " LIMIT " + TOP_CATEGORIES))
        .bind(0, customerId)
        .bind(1, currency)
        .map((rs, ctx) -> new CategoryStat(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3).stripTrailingZeros()))
        .list());
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

package dev.custintel.core.internal.product;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.model.Money;
import dev.custintel.core.product.ProductStats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * The one statement behind every product read. Not API.
 *
 * <p>A product's distinct buyers and orders cannot be added up from per-currency groups (a customer who paid in
 * two currencies would count twice), and its revenue cannot be one sum across currencies. So the statement is three
 * grouped branches joined by {@code UNION ALL}, each over the same set of products (the page: the filters, ordered
 * by id, {@code limit + 1} rows): 'P' the products themselves (so that a product never sold is still listed), 'S'
 * its purchase figures grouped by product, 'R' its net amounts grouped by product and currency. Java only files
 * the rows under their product and sorts each product's currencies. Each figure branch is a flat {@code GROUP BY}
 * over the lines of the page's products ({@code IN (page)}) joined to their orders. There is no index on
 * {@code order_lines.product_id} (see V1), so each figure branch reads the order lines once, whatever the page size:
 * two passes a call. An index would make one product's read a lookup, at a cost to every ingested line.
 */
final class ProductSql {
  private static final String LINES =
      " FROM {order_lines} l JOIN {orders} o ON o.order_id = l.order_id";

  // PostgreSQL types a bare NULL in the first branches of a UNION as text, which the later branches' columns do
  // not match: every NULL carries its column's type.
  private static final String NO_NAME = "CAST(NULL AS VARCHAR(300))";
  private static final String NO_CATEGORY = "CAST(NULL AS VARCHAR(120))";
  private static final String NO_CURRENCY = "CAST(NULL AS CHAR(3))";
  private static final String NO_TIME = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)";
  private static final String NO_AMOUNT = "CAST(NULL AS DECIMAL(19, 4))";

  private final Tables t;

  ProductSql(Tables tables) {
    this.t = tables;
  }

  /** Which products a statement reads: the filters of the page, before the figures. */
  record Selection(
      @Nullable String sku,
      @Nullable String afterSku,
      @Nullable String category,
      @Nullable String nameContains,
      @Nullable DateRange period,
      int rows) {}

  /**
   * @param h the handle
   * @param s which products
   * @return their figures, by sku, at most {@code s.rows()}
   */
  List<ProductStats> read(Handle h, Selection s) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> pageArgs = new ArrayList<>();
    if (s.sku() != null) {
      where.append(" AND p.product_id = ?");
      pageArgs.add(s.sku());
    }
    if (s.afterSku() != null) {
      where.append(" AND p.product_id > ?");
      pageArgs.add(s.afterSku());
    }
    if (s.category() != null) {
      where.append(" AND p.category = ?");
      pageArgs.add(s.category());
    }
    if (s.nameContains() != null) {
      // Both sides lower-cased by the database, by the same rules.
      where.append(" AND LOWER(p.name) LIKE LOWER(?) ESCAPE '!'");
      pageArgs.add("%" + likeEscaped(s.nameContains()) + "%");
    }
    List<Object> periodArgs = new ArrayList<>();
    String inPeriod = "";
    if (s.period() != null) {
      inPeriod = " AND o.placed_at >= ? AND o.placed_at < ?";
      periodArgs.add(odt(s.period().from()));
      periodArgs.add(odt(s.period().to()));
      where.append(" AND p.product_id IN (SELECT l.product_id").append(LINES)
          .append(" WHERE o.kind = 'PURCHASE'").append(inPeriod).append(")");
      pageArgs.addAll(periodArgs);
    }
    String page = " FROM {products} p" + where + " ORDER BY p.product_id LIMIT " + s.rows();
    String pageIds = " AND l.product_id IN (SELECT p.product_id" + page + ")";

    String sql = "(SELECT 'P' AS k, p.product_id AS id, p.name AS name, p.category AS category,"
        + " " + NO_CURRENCY + " AS currency, 0 AS buyers, 0 AS orders, 0 AS units,"
        + " " + NO_TIME + " AS first_at, " + NO_TIME + " AS last_at, " + NO_AMOUNT + " AS net"
        + page + ")"
        + " UNION ALL (SELECT 'S' AS k, l.product_id AS id, " + NO_NAME + " AS name,"
        + " " + NO_CATEGORY + " AS category, " + NO_CURRENCY + " AS currency,"
        + " COUNT(DISTINCT o.customer_id) AS buyers, COUNT(DISTINCT o.order_id) AS orders,"
        + " SUM(l.quantity) AS units, MIN(o.placed_at) AS first_at, MAX(o.placed_at) AS last_at,"
        + " " + NO_AMOUNT + " AS net"
        + LINES + " WHERE o.kind = 'PURCHASE'" + inPeriod + pageIds + " GROUP BY l.product_id)"
        + " UNION ALL (SELECT 'R' AS k, l.product_id AS id, " + NO_NAME + " AS name,"
        + " " + NO_CATEGORY + " AS category, o.currency AS currency, 0 AS buyers, 0 AS orders, 0 AS units,"
        + " " + NO_TIME + " AS first_at, " + NO_TIME + " AS last_at,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN l.amount ELSE -l.amount END) AS net"
        + LINES + " WHERE 1 = 1" + inPeriod + pageIds + " GROUP BY l.product_id, o.currency)"
        // In the database's order of ids, so that Java need not know its collation; 'P' first for each product.
        + " ORDER BY id, k";
    List<Object> args = new ArrayList<>(pageArgs);
    args.addAll(periodArgs);
    args.addAll(pageArgs);
    args.addAll(periodArgs);
    args.addAll(pageArgs);

    Query query = h.createQuery(t.sql(sql));
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    // Rows come by id, 'P' before 'R' before 'S': a product's figures follow its own row.
    Map<String, Builder> products = new LinkedHashMap<>();
    query.map((rs, ctx) -> {
      String kind = rs.getString("k");
      String id = rs.getString("id");
      if (kind.equals("P")) {
        products.put(id, new Builder(id, rs.getString("name"), rs.getString("category")));
      } else {
        String currency = rs.getString("currency");
        Builder b = products.get(id);
        if (b == null) {
          // The three branches each evaluate the page; on H2 one may see a product committed meanwhile.
          return Boolean.FALSE;
        }
        b.add(new Row(kind, id, currency == null ? null : currency.trim(), rs.getLong("buyers"),
            rs.getLong("orders"), rs.getLong("units"), instant(rs.getObject("first_at", OffsetDateTime.class)),
            instant(rs.getObject("last_at", OffsetDateTime.class)), rs.getBigDecimal("net")));
      }
      return Boolean.TRUE;
    }).list();
    return products.values().stream().map(Builder::build).toList();
  }

  /** One 'S' or 'R' row. */
  private record Row(
      String kind, String id, @Nullable String currency, long buyers, long orders, long units,
      @Nullable Instant first, @Nullable Instant last, @Nullable BigDecimal net) {}

  /** Collects one product's rows. */
  private static final class Builder {
    private final String sku;
    private final String name;
    private final @Nullable String category;
    private long buyers;
    private long orders;
    private long units;
    private @Nullable Instant first;
    private @Nullable Instant last;
    private final List<Money> revenue = new ArrayList<>();

    Builder(String sku, String name, @Nullable String category) {
      this.sku = sku;
      this.name = name;
      this.category = category;
    }

    void add(Row r) {
      if (r.kind().equals("S")) {
        buyers = r.buyers();
        orders = r.orders();
        units = r.units();
        first = r.first();
        last = r.last();
      } else if (r.currency() != null && r.net() != null) {
        revenue.add(new Money(r.net(), Currency.getInstance(r.currency())).normalized());
      }
    }

    ProductStats build() {
      revenue.sort(Comparator.comparing(m -> m.currency().getCurrencyCode()));
      return new ProductStats(sku, name, category, buyers, orders, units, revenue, first, last);
    }
  }

  /** Makes {@code %}, {@code _} and the escape character itself match literally under {@code ESCAPE '!'}. */
  static String likeEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '!' || c == '%' || c == '_') {
        out.append('!');
      }
      out.append(c);
    }
    return out.toString();
  }

  static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime odt) {
    return odt == null ? null : odt.toInstant();
  }

  /** Opaque page cursor: {@code p:<last sku>}, base64url. */
  static final class Cursor {
    private static final String PREFIX = "p:";

    private Cursor() {}

    static String encode(String lastSku) {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((PREFIX + lastSku).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the last sku of the previous page, or null for the first page */
    static @Nullable String decode(@Nullable String cursor) {
      if (cursor == null) {
        return null;
      }
      String raw;
      try {
        raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw notACursor();
      }
      if (!raw.startsWith(PREFIX) || raw.length() == PREFIX.length()) {
        throw notACursor();
      }
      return raw.substring(PREFIX.length());
    }

    private static InvalidInputException notACursor() {
      return InvalidInputException.argument("cursor", "is not a cursor returned by a previous page of products");
    }
  }
}

package dev.custintel.core.internal.customer;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerSort;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.model.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * Builds and runs the SQL of a {@link CustomerQuery}: an aggregate over orders per customer, filtered, sorted and
 * paged in the database. Sorting by id pages by key (stable while data changes); sorting by spend or by orders
 * pages by offset. The cursor is opaque to callers. Not API.
 */
final class CustomerQuerySql {
  private final Tables t;

  CustomerQuerySql(Tables tables) {
    this.t = tables;
  }

  CustomerPage run(Handle h, CustomerQuery q, Instant now) {
    Cursor cursor = Cursor.decode(q.after(), q.sort());
    StringBuilder inner = new StringBuilder(
        "SELECT o.customer_id,"
            + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN 1 ELSE 0 END) AS orders,"
            + " SUM(CASE WHEN o.kind = 'RETURN' THEN 1 ELSE 0 END) AS returns,"
            + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN o.total_amount ELSE -o.total_amount END) AS net,"
            + " MIN(o.currency) AS min_cur, MAX(o.currency) AS max_cur,"
            + " MIN(CASE WHEN o.kind = 'PURCHASE' THEN o.placed_at END) AS first_at,"
            + " MAX(CASE WHEN o.kind = 'PURCHASE' THEN o.placed_at END) AS last_at"
            + " FROM {orders} o WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.period() != null) {
      inner.append(" AND o.placed_at >= ? AND o.placed_at < ?");
      args.add(odt(q.period().from()));
      args.add(odt(q.period().to()));
    }
    if (q.currency() != null) {
      inner.append(" AND o.currency = ?");
      args.add(q.currency().getCurrencyCode());
    }
    inner.append(" GROUP BY o.customer_id");

    StringBuilder sql = new StringBuilder(
        "SELECT c.customer_id, c.country, a.orders, a.returns, a.net, a.min_cur, a.max_cur, a.first_at, a.last_at"
            + " FROM {customers} c JOIN (" + inner + ") a ON a.customer_id = c.customer_id"
            + " WHERE a.orders >= ?");
    args.add(q.minOrders());
    if (q.country() != null) {
      sql.append(" AND c.country = ?");
      args.add(q.country());
    }
    if (q.inactiveForAtLeastDays() != null) {
      // Inactivity looks at the last purchase ever, whatever the period.
      sql.append(" AND NOT EXISTS (SELECT 1 FROM {orders} r WHERE r.customer_id = c.customer_id"
          + " AND r.kind = 'PURCHASE' AND r.placed_at > ?)");
      args.add(odt(now.minusSeconds(86_400L * q.inactiveForAtLeastDays())));
    }
    if (q.sort() == CustomerSort.ID) {
      if (cursor.lastId != null) {
        sql.append(" AND c.customer_id > ?");
        args.add(cursor.lastId);
      }
      sql.append(" ORDER BY c.customer_id");
    } else if (q.sort() == CustomerSort.ORDERS_DESC) {
      sql.append(" ORDER BY a.orders DESC, a.net DESC, c.customer_id");
    } else {
      sql.append(" ORDER BY a.net DESC, c.customer_id");
    }
    sql.append(" LIMIT ").append(q.limit() + 1);
    if (cursor.offset > 0) {
      sql.append(" OFFSET ").append(cursor.offset);
    }

    Query query = h.createQuery(t.sql(sql.toString()));
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    List<CustomerSummary> rows = query.map((rs, ctx) -> {
      String minCur = rs.getString("min_cur").trim();
      String maxCur = rs.getString("max_cur").trim();
      BigDecimal net = rs.getBigDecimal("net");
      Money spent = minCur.equals(maxCur) ? new Money(net, Currency.getInstance(minCur)).normalized() : null;
      return new CustomerSummary(
          rs.getString("customer_id"), rs.getString("country"), rs.getLong("orders"), rs.getLong("returns"),
          spent, ProfileLoader.instant(rs.getObject("first_at", OffsetDateTime.class)),
          ProfileLoader.instant(rs.getObject("last_at", OffsetDateTime.class)));
    }).list();

    String next = null;
    if (rows.size() > q.limit()) {
      rows = rows.subList(0, q.limit());
      next = q.sort() == CustomerSort.ID
          ? Cursor.encodeKey(rows.get(rows.size() - 1).customerId())
          : Cursor.encodeOffset(cursor.offset + q.limit());
    }
    return new CustomerPage(rows, next);
  }

  static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Opaque page cursor: {@code k:<last id>} for keyset paging or {@code o:<offset>}, base64url. */
  private static final class Cursor {
    final @Nullable String lastId;
    final long offset;

    private Cursor(@Nullable String lastId, long offset) {
      this.lastId = lastId;
      this.offset = offset;
    }

    static String encodeKey(String id) {
      return encode("k:" + id);
    }

    static String encodeOffset(long offset) {
      return encode("o:" + offset);
    }

    private static String encode(String raw) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(@Nullable String cursor, CustomerSort sort) {
      if (cursor == null) {
        return new Cursor(null, 0);
      }
      String raw;
      try {
        raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.argument("after", "is not a cursor returned by a previous page");
      }
      if (sort == CustomerSort.ID && raw.startsWith("k:")) {
        return new Cursor(raw.substring(2), 0);
      }
      if (sort != CustomerSort.ID && raw.startsWith("o:")) {
        try {
          return new Cursor(null, Long.parseLong(raw.substring(2)));
        } catch (NumberFormatException e) {
          throw InvalidInputException.argument("after", "is not a cursor returned by a previous page");
        }
      }
      throw InvalidInputException.argument(
          "after", "is not a cursor returned by a previous page of a query with the same sort");
    }
  }
}

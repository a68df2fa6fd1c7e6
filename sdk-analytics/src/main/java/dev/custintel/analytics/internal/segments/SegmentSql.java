package dev.custintel.analytics.internal.segments;

import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.DatabaseKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The SQL that scores customers, the same on H2 and PostgreSQL. Not API.
 *
 * <p>{@link #scored} is a derived table with one row per customer with a purchase in the currency before the as-of
 * instant: {@code customer_id, last_at, days, f, m, rs, fs, ms}. Each score is
 * {@code LEAST(s, 1 + (s · L) / n)} in integer arithmetic, where L, the customers with a strictly worse value, is
 * {@code RANK() − 1} over the values ordered worst first, and n is {@code COUNT(*) OVER ()}. Its parameters are
 * named {@code currency} and {@code asOf}: {@link #bind} binds them.
 */
final class SegmentSql {
  private SegmentSql() {}

  /** The scores as one integer, {@code r·10000 + f·100 + m} (scales go up to 10). */
  static final String CODE = "(x.rs * 10000 + x.fs * 100 + x.ms)";

  static int code(int r, int f, int m) {
    return r * 10_000 + f * 100 + m;
  }

  /** @return the derived table of scores on a scale of {@code scale} */
  static String scored(StoreAccess access, int scale) {
    String s = Integer.toString(scale);
    return access.sql("SELECT b.customer_id, b.last_at, b.days, b.f, b.m,"
        + " LEAST(" + s + ", 1 + (" + s + " * (RANK() OVER (ORDER BY b.days DESC) - 1)) / COUNT(*) OVER ()) AS rs,"
        + " LEAST(" + s + ", 1 + (" + s + " * (RANK() OVER (ORDER BY b.f) - 1)) / COUNT(*) OVER ()) AS fs,"
        + " LEAST(" + s + ", 1 + (" + s + " * (RANK() OVER (ORDER BY b.m) - 1)) / COUNT(*) OVER ()) AS ms"
        + " FROM (SELECT a.customer_id, a.last_at, a.f, a.m, " + days(access.kind(), "a.last_at") + " AS days"
        + " FROM (" + perCustomer(access, false) + ") a WHERE a.f > 0) b");
  }

  /**
   * @param one whether only the customer bound as {@code customer} is wanted
   * @return the derived table of each customer's last purchase, purchases and net amount before the as-of instant
   *     ({@code customer_id, last_at, f, m}); customers with only returns have f = 0
   */
  static String perCustomer(StoreAccess access, boolean one) {
    return access.sql("SELECT o.customer_id, MAX(CASE WHEN o.kind = 'PURCHASE' THEN o.placed_at END) AS last_at,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN 1 ELSE 0 END) AS f,"
        + " SUM(CASE WHEN o.kind = 'PURCHASE' THEN o.total_amount ELSE -o.total_amount END) AS m"
        + " FROM {orders} o WHERE o.currency = :currency AND o.placed_at < :asOf"
        + (one ? " AND o.customer_id = :customer" : "") + " GROUP BY o.customer_id");
  }

  /**
   * Whole days from the timestamp column to the as-of instant, rounded down, in integer arithmetic where the
   * database allows it. Both count exact microseconds, the precision of the stored timestamps: H2's
   * {@code DATEDIFF(MICROSECOND, …)} counts microsecond boundaries, which for microsecond values is the elapsed
   * time (and costs a small fraction of its decimal {@code EXTRACT(EPOCH …)} division per row).
   */
  private static String days(DatabaseKind kind, String column) {
    return kind == DatabaseKind.POSTGRESQL
        ? "CAST(FLOOR(EXTRACT(EPOCH FROM (CAST(:asOf AS TIMESTAMP WITH TIME ZONE) - " + column + ")) / 86400)"
            + " AS BIGINT)"
        : "(DATEDIFF(MICROSECOND, " + column + ", :asOf) / 86400000000)";
  }

  /**
   * Binds {@link #scored}'s parameters. The as-of instant is cut to microseconds, the precision of stored
   * timestamps.
   */
  static <S extends SqlStatement<S>> S bind(S statement, String currency, Instant asOf) {
    return statement.bind("currency", currency)
        .bind("asOf", micros(asOf).atOffset(ZoneOffset.UTC));
  }

  /** @return the instant cut to whole microseconds */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * @return SQL for the segment of {@link #CODE}: a {@code CASE} over every score combination. Segment names are
   *     snake case (checked by {@link SegmentPreset}), so they are safe as literals.
   */
  static String segmentCase(SegmentPreset preset) {
    StringBuilder sql = new StringBuilder("CASE ").append(CODE);
    table(preset).forEach((code, segment) -> sql.append(" WHEN ").append(code).append(" THEN '").append(segment)
        .append('\''));
    return sql.append(" END").toString();
  }

  /** @return the score codes that fall in the segment, as a comma-separated list of integers (maybe empty) */
  static String codesOf(SegmentPreset preset, String segment) {
    List<String> codes = new ArrayList<>();
    for (Map.Entry<Integer, String> e : table(preset).entrySet()) {
      if (e.getValue().equals(segment)) {
        codes.add(Integer.toString(e.getKey()));
      }
    }
    return String.join(", ", codes);
  }

  /** @return every score code of the preset and its segment */
  static Map<Integer, String> table(SegmentPreset preset) {
    Map<Integer, String> table = new TreeMap<>();
    int scale = preset.scale();
    for (int r = 1; r <= scale; r++) {
      for (int f = 1; f <= scale; f++) {
        for (int m = 1; m <= scale; m++) {
          table.put(code(r, f, m), preset.segmentOf(r, f, m));
        }
      }
    }
    return table;
  }
}

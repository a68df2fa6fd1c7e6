package dev.custintel.analytics.internal.segments;

import dev.custintel.analytics.internal.ShopCurrencies;
import dev.custintel.analytics.segments.CustomerSegment;
import dev.custintel.analytics.segments.RfmScores;
import dev.custintel.analytics.segments.SegmentMember;
import dev.custintel.analytics.segments.SegmentMembership;
import dev.custintel.analytics.segments.SegmentPage;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.analytics.segments.SegmentReport;
import dev.custintel.analytics.segments.SegmentRequest;
import dev.custintel.analytics.segments.SegmentRule;
import dev.custintel.analytics.segments.SegmentSummary;
import dev.custintel.analytics.segments.SegmentsClient;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.model.Money;
import dev.custintel.core.spi.StoreAccess;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Segments computed by the database: the report groups the scored customers by their score combination (at most
 * s³ rows come back, whatever the number of customers), and the preset maps each combination to its segment.
 * Not API.
 */
public final class DefaultSegmentsClient implements SegmentsClient {
  private static final int MAX_LIMIT = 1_000;

  private final StoreAccess access;

  /** @param access the store */
  public DefaultSegmentsClient(StoreAccess access) {
    this.access = Objects.requireNonNull(access, "access");
  }

  /** The request's currency and as-of instant, resolved; currency null when the store has no purchases. */
  private record Resolved(@Nullable Currency currency, Instant asOf) {}

  private Resolved resolve(Handle h, SegmentRequest r) {
    Currency currency = r.currency() != null ? r.currency() : ShopCurrencies.only(access, h);
    Instant asOf = r.asOf() != null ? r.asOf() : access.store().clock().instant();
    return new Resolved(currency, SegmentSql.micros(asOf));
  }

  @Override
  public SegmentReport report(SegmentRequest request) {
    Objects.requireNonNull(request, "request");
    return access.inSnapshot("Computing segments", h -> report(h, request));
  }

  /** Customers, revenue and the active run's scores per score combination. */
  private record Combination(int r, int f, int m, long customers, BigDecimal revenue, long scored,
      double riskSum, double ltvSum) {}

  private SegmentReport report(Handle h, SegmentRequest request) {
    SegmentPreset preset = request.preset();
    Resolved at = resolve(h, request);
    long prospects = preset.prospects().isPresent() ? prospects(h, at.asOf()) : 0;
    Map<String, Map<Integer, Long>> scores = new LinkedHashMap<>();
    for (String s : List.of("R", "F", "M")) {
      Map<Integer, Long> counts = new TreeMap<>();
      for (int v = 1; v <= preset.scale(); v++) {
        counts.put(v, 0L);
      }
      scores.put(s, counts);
    }
    if (at.currency() == null) {
      return new SegmentReport(preset.id(), preset.version(), at.asOf(), null, 0, prospects, null,
          summaries(preset, Map.of(), prospects, 0, null), scores);
    }
    Currency currency = at.currency();
    Long run = activeRun(h, currency);
    List<Combination> combinations = SegmentSql.bind(h.createQuery("SELECT x.rs, x.fs, x.ms, COUNT(*), SUM(x.m),"
                + " COUNT(s.customer_id), SUM(1 - s.p_alive), SUM(s.ltv) FROM (" + SegmentSql.scored(access,
                preset.scale()) + ") x LEFT JOIN " + access.table("customer_scores")
                + " s ON s.run_id = :run AND s.customer_id = x.customer_id GROUP BY x.rs, x.fs, x.ms"),
            currency.getCurrencyCode(), at.asOf())
        .bind("run", run == null ? -1L : run)
        .map((rs, ctx) -> new Combination(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4),
            rs.getBigDecimal(5), rs.getLong(6), rs.getDouble(7), rs.getDouble(8)))
        .list();
    long n = 0;
    Map<String, Aggregate> bySegment = new HashMap<>();
    for (Combination c : combinations) {
      n += c.customers();
      scores.get("R").merge(c.r(), c.customers(), Long::sum);
      scores.get("F").merge(c.f(), c.customers(), Long::sum);
      scores.get("M").merge(c.m(), c.customers(), Long::sum);
      bySegment.computeIfAbsent(preset.segmentOf(c.r(), c.f(), c.m()), x -> new Aggregate()).add(c);
    }
    return new SegmentReport(preset.id(), preset.version(), at.asOf(), currency, n, prospects, run,
        summaries(preset, bySegment, prospects, n, currency), scores);
  }

  /** Sums of a segment's combinations. */
  private static final class Aggregate {
    long customers;
    BigDecimal revenue = BigDecimal.ZERO;
    long scored;
    double riskSum;
    double ltvSum;

    void add(Combination c) {
      customers += c.customers();
      revenue = revenue.add(c.revenue());
      scored += c.scored();
      riskSum += c.riskSum();
      ltvSum += c.ltvSum();
    }
  }

  private static List<SegmentSummary> summaries(SegmentPreset preset, Map<String, Aggregate> bySegment,
      long prospects, long n, @Nullable Currency currency) {
    long all = n + prospects;
    List<SegmentSummary> out = new ArrayList<>();
    Currency money = currency != null ? currency : Currency.getInstance("XXX");
    for (SegmentRule rule : preset.segments()) {
      boolean isProspects = preset.prospects().map(p -> p.name().equals(rule.name())).orElse(false);
      Aggregate a = bySegment.getOrDefault(rule.name(), new Aggregate());
      long customers = isProspects ? prospects : a.customers;
      out.add(new SegmentSummary(rule.name(), rule.description(), customers, all == 0 ? 0 : (double) customers / all,
          Money.of(a.revenue, money).normalized(), a.scored,
          a.scored == 0 ? null : a.riskSum / a.scored,
          a.scored == 0 ? null : Money.rounded(a.ltvSum / a.scored, money)));
    }
    return out;
  }

  /** Customers with no purchase at all before the as-of instant (and not signed up after it). */
  private long prospects(Handle h, Instant asOf) {
    return h.createQuery(access.sql("SELECT COUNT(*) FROM {customers} c WHERE (c.signed_up_at IS NULL"
            + " OR c.signed_up_at < :asOf) AND NOT EXISTS (SELECT 1 FROM {orders} o WHERE o.customer_id ="
            + " c.customer_id AND o.kind = 'PURCHASE' AND o.placed_at < :asOf)"))
        .bind("asOf", asOf.atOffset(ZoneOffset.UTC))
        .mapTo(Long.class)
        .one();
  }

  /** @return the active model run, when there is one in the currency */
  private @Nullable Long activeRun(Handle h, Currency currency) {
    return h.createQuery(access.sql("SELECT a.run_id FROM {active_models} a JOIN {model_runs} r"
            + " ON r.run_id = a.run_id WHERE a.kind = 'clv' AND r.currency = :currency"))
        .bind("currency", currency.getCurrencyCode())
        .mapTo(Long.class)
        .findOne()
        .orElse(null);
  }

  @Override
  public SegmentPage members(String segment, SegmentRequest request, int limit, @Nullable String cursor) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(request, "request");
    SegmentPreset preset = request.preset();
    if (!preset.hasSegment(segment)) {
      throw InvalidInputException.argument("segment", "is not a segment of preset " + preset.id() + " (was '"
          + segment + "'; it has " + preset.segments().stream().map(SegmentRule::name).toList() + ")");
    }
    checkLimit(limit);
    if (preset.prospects().map(p -> p.name().equals(segment)).orElse(false)) {
      throw InvalidInputException.argument("segment", "'" + segment + "' holds customers without purchases, who"
          + " have no scores to list; ci.customers().query(...) lists customers");
    }
    String codes = SegmentSql.codesOf(preset, segment);
    if (codes.isEmpty()) {
      return new SegmentPage(List.of(), null);
    }
    return access.inSnapshot("Listing a segment's members", h -> {
      Resolved at = resolve(h, request);
      if (at.currency() == null) {
        return new SegmentPage(List.of(), null);
      }
      Currency currency = at.currency();
      List<RfmScores> rows = SegmentSql.bind(h.createQuery("SELECT x.* FROM (" + SegmentSql.scored(access,
                  preset.scale()) + ") x WHERE " + SegmentSql.CODE + " IN (" + codes + ")"
                  + (cursor == null ? "" : " AND x.customer_id > :cursor")
                  + " ORDER BY x.customer_id FETCH FIRST " + (limit + 1) + " ROWS ONLY"),
              currency.getCurrencyCode(), at.asOf())
          .bindByType("cursor", cursor, String.class)
          .map((rs, ctx) -> scores(rs, currency))
          .list();
      boolean more = rows.size() > limit;
      List<SegmentMember> items = rows.subList(0, Math.min(limit, rows.size())).stream()
          .map(s -> new SegmentMember(segment, s))
          .toList();
      return new SegmentPage(items, more ? items.get(items.size() - 1).scores().customerId() : null);
    });
  }

  @Override
  public CustomerSegment customer(String customerId, SegmentRequest request) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(request, "request");
    SegmentPreset preset = request.preset();
    return access.inSnapshot("Reading a customer's segment", h -> {
      Resolved at = resolve(h, request);
      if (at.currency() == null) {
        throw notScored(customerId, at);
      }
      Currency currency = at.currency();
      RfmScores scores = scores(h, customerId, preset.scale(), currency, at.asOf());
      Long run = activeRun(h, currency);
      SegmentMembership stored = run == null ? null : h.createQuery(access.sql(
                  "SELECT * FROM {segment_memberships} WHERE run_id = :run AND preset = :preset"
                      + " AND customer_id = :customer"))
          .bind("run", run)
          .bind("preset", preset.id())
          .bind("customer", customerId)
          .map((rs, ctx) -> membership(rs))
          .findOne()
          .orElse(null);
      return new CustomerSegment(preset.segmentOf(scores.r(), scores.f(), scores.m()), scores, stored);
    });
  }

  /**
   * One customer's scores without ranking everyone: their own values, then one pass counting the customers with
   * strictly worse ones. A strictly longer recency in whole days means a last purchase at or before the as-of
   * instant less (days + 1) days.
   */
  private RfmScores scores(Handle h, String customerId, int scale, Currency currency, Instant asOf) {
    Own own = SegmentSql.bind(h.createQuery("SELECT a.last_at, a.f, a.m FROM (" + SegmentSql.perCustomer(access, true)
                + ") a WHERE a.f > 0"), currency.getCurrencyCode(), asOf)
        .bind("customer", customerId)
        .map((rs, ctx) -> new Own(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2),
            rs.getBigDecimal(3)))
        .findOne()
        .orElseThrow(() -> notScored(customerId, new Resolved(currency, asOf)));
    long days = Math.floorDiv(ChronoUnit.MICROS.between(own.last(), asOf), 86_400_000_000L);
    Instant longer = asOf.minus(days + 1, ChronoUnit.DAYS);
    long[] counts = SegmentSql.bind(h.createQuery("SELECT COUNT(*), SUM(CASE WHEN a.last_at <= :longer THEN 1 ELSE 0"
                + " END), SUM(CASE WHEN a.f < :f THEN 1 ELSE 0 END), SUM(CASE WHEN a.m < :m THEN 1 ELSE 0 END) FROM ("
                + SegmentSql.perCustomer(access, false) + ") a WHERE a.f > 0"), currency.getCurrencyCode(), asOf)
        .bind("longer", longer.atOffset(ZoneOffset.UTC))
        .bind("f", own.f())
        .bind("m", own.m())
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
        .one();
    long n = counts[0];
    return new RfmScores(customerId, own.last(), days, own.f(), Money.of(own.m(), currency).normalized(),
        score(scale, counts[1], n), score(scale, counts[2], n), score(scale, counts[3], n));
  }

  /** A customer's own values. */
  private record Own(Instant last, long f, BigDecimal m) {}

  /** {@code min(s, 1 + floor(s·L / n))}, as the SQL computes it. */
  static int score(int scale, long worse, long n) {
    return (int) Math.min(scale, 1 + scale * worse / n);
  }

  private static NotFoundException notScored(String customerId, Resolved at) {
    return new NotFoundException("customer", customerId, "Customer '" + customerId + "' has no purchase"
        + (at.currency() == null ? "" : " in " + at.currency().getCurrencyCode()) + " before " + at.asOf()
        + ", so no RFM scores. Check the id, the currency and the as-of instant.");
  }

  @Override
  public List<SegmentMembership> history(String customerId, int limit) {
    Objects.requireNonNull(customerId, "customerId");
    checkLimit(limit);
    return access.read("Reading a customer's segment history", h -> h.createQuery(access.sql(
                "SELECT * FROM {segment_memberships} WHERE customer_id = :customer ORDER BY run_id DESC, preset"
                    + " FETCH FIRST " + limit + " ROWS ONLY"))
        .bind("customer", customerId)
        .map((rs, ctx) -> membership(rs))
        .list());
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be 1 to " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  static SegmentMembership membership(ResultSet rs) throws SQLException {
    return new SegmentMembership(rs.getLong("run_id"), rs.getString("preset"), rs.getString("segment"),
        rs.getString("previous_segment"), rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
        rs.getLong("changed_run_id"));
  }

  private static RfmScores scores(ResultSet rs, Currency currency) throws SQLException {
    return new RfmScores(rs.getString("customer_id"), rs.getObject("last_at", OffsetDateTime.class).toInstant(),
        rs.getLong("days"), rs.getLong("f"), Money.of(rs.getBigDecimal("m"), currency).normalized(),
        rs.getInt("rs"), rs.getInt("fs"), rs.getInt("ms"));
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.AssociationRule;
import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.internal.RowInserter;
import dev.custintel.analytics.internal.events.EventWriter;
import dev.custintel.analytics.internal.segments.SegmentWriter;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.spi.ScoreTables;
import dev.custintel.core.spi.StoreAccess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** SQL for model runs, their scores and the active run. Not API. */
public final class RunStore {
  /** The kind of the customer-value runs in {@code model_runs} and {@code active_models}. */
  static final String KIND = ScoreTables.CLV_KIND;

  private static final String SCORE_COLUMNS =
      "run_id, customer_id, frequency, recency, age, monetary_value, p_alive, expected_purchases, expected_spend,"
          + " ltv, ltv_low, ltv_high, value_at_risk";

  private final StoreAccess access;

  /** Emits an activated run's events in its transaction. */
  private final EventWriter events;

  public RunStore(StoreAccess access, EventWriter events) {
    this.access = access;
    this.events = events;
  }

  String table(String name) {
    return access.table(name);
  }

  <T> T read(String what, Function<Handle, T> work) {
    return access.read(what, work);
  }

  /** What purchases there are in one currency up to an optional as-of day. */
  record Extent(Currency currency, long purchases, @Nullable Instant first, @Nullable Instant latest) {}

  /** @return the currency most purchases use, or empty when there is no purchase */
  Optional<Currency> mainCurrency(Handle h) {
    return h.createQuery(
            "SELECT currency, COUNT(*) AS n FROM " + table("orders") + " WHERE kind = 'PURCHASE'"
                + " GROUP BY currency ORDER BY n DESC, currency FETCH FIRST 1 ROWS ONLY")
        .map((rs, ctx) -> Currency.getInstance(rs.getString("currency").trim()))
        .findOne();
  }

  Extent extent(Handle h, Currency currency, @Nullable LocalDate asOf) {
    String sql = "SELECT COUNT(*) AS n, MIN(placed_at) AS first_at, MAX(placed_at) AS latest_at FROM "
        + table("orders") + " WHERE kind = 'PURCHASE' AND currency = :currency"
        + (asOf == null ? "" : " AND placed_at < :limit");
    var q = h.createQuery(sql).bind("currency", currency.getCurrencyCode());
    if (asOf != null) {
      q.bind("limit", asOf.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }
    return q.map((rs, ctx) -> new Extent(
            currency, rs.getLong("n"), instant(rs, "first_at"), instant(rs, "latest_at")))
        .one();
  }

  /** The run row's columns known before the write (not the id, the duration or the metrics). */
  record RunRow(
      Instant createdAt,
      LocalDate calibrationEnd,
      PeriodUnit unit,
      Currency currency,
      int customers,
      Instant watermark,
      long purchases,
      ValuationOptions valuation,
      String params) {}

  /**
   * Writes the run, its scores, its final duration and metrics and (optionally) the activation in one
   * transaction.
   *
   * @return the new run id
   */
  /** The run's total duration and its metrics document, known only once the scores are written. */
  record RunFinish(Duration duration, String metrics) {}

  /** Completes the run row inside the writing transaction, after the scores. */
  @FunctionalInterface
  interface Finisher {
    RunFinish finish(long runId);
  }

  /** The product affinity a run writes: its rules and its product statistics. */
  record AffinityWrite(List<AssociationRule> rules, List<StoreBasketReader.ProductStat> products) {}

  /**
   * The segment memberships a run stores: every scored customer's segment under the preset.
   *
   * @param preset the preset
   * @param asOf orders placed before this instant count (the end of the run's as-of day)
   */
  record SegmentsWrite(SegmentPreset preset, Instant asOf) {}

  long write(RunRow row, List<CustomerValue> scores, @Nullable AffinityWrite affinity,
      @Nullable SegmentsWrite segments, boolean activate, Finisher finisher,
      Consumer<Handle> onActivation) {
    return access.inTransaction("Writing the model run", h -> {
        long id = h.createUpdate("INSERT INTO " + table("model_runs")
                + " (kind, created_at, calibration_end, period_unit, currency, customers, watermark_placed_at,"
                + " watermark_orders, duration_ms, horizon_months, monthly_discount, interval_level, params, metrics)"
                + " VALUES (:kind, :createdAt, :calibrationEnd, :unit, :currency, :customers, :watermark,"
                + " :purchases, :duration, :horizon, :discount, :level, :params, :metrics)")
            .bind("kind", KIND)
            .bind("createdAt", row.createdAt().atOffset(ZoneOffset.UTC))
            .bind("calibrationEnd", row.calibrationEnd())
            .bind("unit", row.unit().name())
            .bind("currency", row.currency().getCurrencyCode())
            .bind("customers", row.customers())
            .bind("watermark", row.watermark().atOffset(ZoneOffset.UTC))
            .bind("purchases", row.purchases())
            // Duration and metrics include the write itself: set by the finisher below, in this transaction.
            .bind("duration", 0L)
            .bind("horizon", row.valuation().horizon().months())
            .bind("discount", row.valuation().monthlyDiscountRate())
            .bind("level", row.valuation().intervalLevel())
            .bind("params", row.params())
            .bind("metrics", "{}")
            .executeAndReturnGeneratedKeys("run_id")
            .mapTo(Long.class)
            .one();
        insertScores(h.getConnection(), id, scores);
        if (affinity != null) {
          insertAffinity(h.getConnection(), id, affinity);
        }
        if (segments != null) {
          new SegmentWriter(access).write(h, id, row.createdAt(), segments.preset(), row.currency(), segments.asOf());
        }
        if (activate) {
          // The pointer's lock first, before the event counter's (which afterRun takes): re-scoring after
          // ingestion takes them in this order too, so the two never wait for each other in a cycle.
          lockPointer(h);
          // Events describe the active scores: only a run that becomes active (below, in this transaction) emits
          // them. Before the finisher, so that their time counts in the run's write phase.
          events.afterRun(h, id, scores, row.createdAt(), row.currency().getCurrencyCode(),
              segments == null ? null : segments.preset().id());
        }
        RunFinish finish = finisher.finish(id);
        h.createUpdate("UPDATE " + table("model_runs") + " SET duration_ms = :duration, metrics = :metrics"
                + " WHERE run_id = :id")
            .bind("duration", finish.duration().toMillis())
            .bind("metrics", finish.metrics())
            .bind("id", id)
            .execute();
        if (activate) {
          activate(h, id, row.createdAt());
          onActivation.accept(h);
        }
        return id;
      });
  }

  void insertScores(Connection connection, long runId, List<CustomerValue> scores) {
    insertRows(connection, "customer_scores", SCORE_COLUMNS, 13, scores, (ps, p, v) -> {
      ps.setLong(p++, runId);
      ps.setString(p++, v.customerId());
      ps.setInt(p++, v.frequency());
      ps.setDouble(p++, v.recency());
      ps.setDouble(p++, v.age());
      ps.setDouble(p++, v.monetaryValue());
      ps.setDouble(p++, v.probabilityAlive());
      ps.setDouble(p++, v.expectedPurchases());
      ps.setDouble(p++, v.expectedSpend());
      ps.setDouble(p++, v.value());
      ps.setDouble(p++, v.valueLow());
      ps.setDouble(p++, v.valueHigh());
      ps.setDouble(p, v.valueAtRisk());
    }, "the scores of model run " + runId);
  }

  private <T> void insertRows(
      Connection connection, String table, String columns, int columnCount, List<T> rows, RowInserter.Binder<T> binder,
      String what) {
    RowInserter.insert(connection, access.table(table), columns, columnCount, rows, binder, what);
  }

  private void insertAffinity(Connection connection, long runId, AffinityWrite affinity) {
    List<AssociationRule> rules = affinity.rules();
    insertRows(connection, "product_rules", "run_id, rule_no, antecedent, consequent, antecedent_size,"
        + " consequent_size, baskets, support, confidence, lift, leverage, conviction", 12, indexed(rules),
        (ps, p, r) -> {
          AssociationRule rule = r.value();
          ps.setLong(p++, runId);
          ps.setInt(p++, r.index());
          ps.setString(p++, RunDocuments.write(rule.antecedentNames()));
          ps.setString(p++, RunDocuments.write(rule.consequentNames()));
          ps.setInt(p++, rule.antecedent().length);
          ps.setInt(p++, rule.consequent().length);
          ps.setInt(p++, rule.count());
          ps.setDouble(p++, rule.support());
          ps.setDouble(p++, rule.confidence());
          ps.setDouble(p++, rule.lift());
          ps.setDouble(p++, rule.leverage());
          if (Double.isInfinite(rule.conviction())) {
            ps.setNull(p, Types.DOUBLE);
          } else {
            ps.setDouble(p, rule.conviction());
          }
        }, "the product rules of model run " + runId);
    List<RuleItem> items = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      for (String product : rules.get(i).antecedentNames()) {
        items.add(new RuleItem("A", product, i));
      }
      for (String product : rules.get(i).consequentNames()) {
        items.add(new RuleItem("C", product, i));
      }
    }
    insertRows(connection, "product_rule_items", "run_id, side, product_id, rule_no", 4, items, (ps, p, item) -> {
      ps.setLong(p++, runId);
      ps.setString(p++, item.side());
      ps.setString(p++, item.productId());
      ps.setInt(p, item.ruleNo());
    }, "the product rules of model run " + runId);
    insertRows(connection, "product_stats", "run_id, product_id, baskets, buyers, scored_buyers, buyer_ltv_mean", 6,
        affinity.products(), (ps, p, stat) -> {
          ps.setLong(p++, runId);
          ps.setString(p++, stat.productId());
          ps.setInt(p++, stat.baskets());
          ps.setInt(p++, stat.buyers());
          ps.setInt(p++, stat.scoredBuyers());
          if (stat.buyerLtvMean() == null) {
            ps.setNull(p, Types.DOUBLE);
          } else {
            ps.setDouble(p, stat.buyerLtvMean());
          }
        }, "the product statistics of model run " + runId);
  }

  private record RuleItem(String side, String productId, int ruleNo) {}

  private record Indexed<T>(int index, T value) {}

  private static <T> List<Indexed<T>> indexed(List<T> values) {
    List<Indexed<T>> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(new Indexed<>(i, values.get(i)));
    }
    return out;
  }

  private void activate(Handle h, long runId, Instant at) {
    h.createUpdate("UPDATE " + table("active_models") + " SET run_id = :id, activated_at = :at WHERE kind = :kind")
        .bind("id", runId)
        .bind("at", at.atOffset(ZoneOffset.UTC))
        .bind("kind", KIND)
        .execute();
  }

  /**
   * Locks the kind's row of {@code active_models} for the rest of the transaction and reads it. Every transaction
   * that moves the pointer or deletes runs takes this lock first, so a prune can never delete the run an
   * activation has just pointed at (nor an activation point at a run being deleted).
   *
   * @return the active run id, or null before the first activation
   */
  @Nullable Long lockPointer(Handle h) {
    return h.createQuery("SELECT run_id FROM " + table("active_models") + " WHERE kind = :kind FOR UPDATE")
        .bind("kind", KIND)
        .map((rs, ctx) -> {
          long id = rs.getLong(1);
          return rs.wasNull() ? null : id;
        })
        .findOne()
        .orElse(null);
  }

  /** @return whether the run exists (and is now active) */
  boolean activate(long runId, Instant at) {
    return access.inTransaction("Activating model run " + runId, h -> {
        lockPointer(h);
        boolean exists = h.createQuery("SELECT COUNT(*) FROM " + table("model_runs")
                + " WHERE run_id = :id AND kind = :kind")
            .bind("id", runId).bind("kind", KIND).mapTo(Long.class).one() > 0;
        if (exists) {
          activate(h, runId, at);
        }
        return exists;
      });
  }

  /** @return the active run id, or empty before the first activation */
  Optional<Long> activeRunId() {
    return read("Reading the active model run", h -> h.createQuery(
            "SELECT run_id FROM " + table("active_models") + " WHERE kind = :kind")
        .bind("kind", KIND)
        .map((rs, ctx) -> {
          long id = rs.getLong(1);
          return rs.wasNull() ? null : id;
        })
        .findOne()
        .flatMap(Optional::ofNullable));
  }

  private static final String RUN_COLUMNS = "r.run_id, r.created_at, r.calibration_end, r.period_unit, r.currency,"
      + " r.customers, r.watermark_placed_at, r.watermark_orders, r.duration_ms, r.horizon_months,"
      + " r.monthly_discount, r.interval_level, r.params, r.metrics,"
      + " CASE WHEN a.run_id = r.run_id THEN 1 ELSE 0 END AS is_active";

  Optional<ModelRun> find(long runId) {
    return read("Reading model run " + runId, h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM "
            + table("model_runs") + " r LEFT JOIN " + table("active_models") + " a ON a.kind = r.kind"
            + " WHERE r.run_id = :id AND r.kind = :kind")
        .bind("id", runId).bind("kind", KIND)
        .map((rs, ctx) -> run(rs))
        .findOne());
  }

  List<ModelRun> list(int limit) {
    return read("Listing model runs", h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM " + table("model_runs")
            + " r LEFT JOIN " + table("active_models") + " a ON a.kind = r.kind"
            + " WHERE r.kind = :kind ORDER BY r.run_id DESC FETCH FIRST " + limit + " ROWS ONLY")
        .bind("kind", KIND)
        .map((rs, ctx) -> run(rs))
        .list());
  }

  /** Deletes runs older than the newest {@code keep}, except the active one, with their scores. */
  int prune(int keep) {
    return access.inTransaction("Pruning model runs", h -> {
        Long active = lockPointer(h);
        List<Long> ids = h.createQuery("SELECT run_id FROM " + table("model_runs")
                + " WHERE kind = :kind ORDER BY run_id DESC")
            .bind("kind", KIND).mapTo(Long.class).list();
        int deleted = 0;
        for (Long id : ids.subList(Math.min(keep, ids.size()), ids.size())) {
          if (id.equals(active)) {
            continue;
          }
          for (String t : List.of("customer_scores", "product_rules", "product_rule_items", "product_stats",
              "segment_memberships", "segment_runs")) {
            h.createUpdate("DELETE FROM " + table(t) + " WHERE run_id = :id").bind("id", id).execute();
          }
          h.createUpdate("DELETE FROM " + table("model_runs") + " WHERE run_id = :id").bind("id", id).execute();
          deleted++;
        }
        return deleted;
      });
  }

  private static ModelRun run(ResultSet rs) throws SQLException {
    long id = rs.getLong("run_id");
    RunDocuments.Params params = RunDocuments.read(rs.getString("params"), RunDocuments.Params.class, id);
    RunDocuments.Metrics metrics = RunDocuments.read(rs.getString("metrics"), RunDocuments.Metrics.class, id);
    Map<String, Duration> timings = new LinkedHashMap<>();
    metrics.timingsMillis().forEach((k, v) -> timings.put(k, Duration.ofMillis(v)));
    ValuationOptions valuation = new ValuationOptions(
        horizon(rs.getDouble("horizon_months")), rs.getDouble("monthly_discount"), rs.getDouble("interval_level"));
    ModelRun.Data data = new ModelRun.Data(
        rs.getObject("calibration_end", LocalDate.class),
        PeriodUnit.valueOf(rs.getString("period_unit")),
        Currency.getInstance(rs.getString("currency").trim()),
        rs.getInt("customers"),
        rs.getLong("watermark_orders"),
        requiredInstant(rs, "watermark_placed_at"));
    ModelRun.Fits fits = new ModelRun.Fits(
        params.purchaseModel().report(), params.spendModel().report(), params.reference());
    ModelRun.Quality quality = new ModelRun.Quality(
        metrics.backtest() == null ? null : metrics.backtest().report(), metrics.backtestSkipped());
    return new ModelRun(
        id,
        requiredInstant(rs, "created_at"),
        rs.getInt("is_active") == 1,
        data,
        valuation,
        fits,
        quality,
        new ModelRun.Timing(Duration.ofMillis(rs.getLong("duration_ms")), timings),
        metrics.affinity());
  }

  /**
   * The horizon stored in months, as it was asked for: horizons are made of whole months, weeks or days, and the
   * conversion to months and back can be one rounding off, so snap to the whole count it came from.
   */
  static Horizon horizon(double months) {
    double wholeMonths = Math.rint(months);
    if (Math.abs(months - wholeMonths) <= 1e-9 * Math.max(1.0, months)) {
      return Horizon.months(wholeMonths);
    }
    double days = months * Horizon.DAYS_PER_MONTH;
    double wholeDays = Math.rint(days);
    if (Math.abs(days - wholeDays) <= 1e-9 * Math.max(1.0, days)) {
      return Horizon.days(wholeDays);
    }
    return Horizon.months(months);
  }

  /** A NOT NULL column's instant. */
  static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(instant(rs, column), column);
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A model run that does not exist (never written, or deleted by a prune). */
  static NotFoundException noRun(long runId) {
    return new NotFoundException("model run", Long.toString(runId), "No model run with id '" + runId + "'."
        + " ci.models().list(limit) lists the runs there are (CLI: custintel models list); ci.models().prune(keep)"
        + " deletes all but the newest runs and the active one.");
  }

  static void checkLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + max + " (was " + limit + ")");
    }
  }
}

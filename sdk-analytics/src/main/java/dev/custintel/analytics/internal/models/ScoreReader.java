package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.CustintelException;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.model.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads one customer's score from the active run in one round trip. Not API. */
final class ScoreReader {
  private final RunStore runs;
  private final String sql;

  ScoreReader(RunStore runs) {
    this.runs = runs;
    this.sql = "SELECT a.run_id AS active_run, r.calibration_end, r.period_unit, r.currency, r.horizon_months,"
        + " r.interval_level, s.customer_id, s.frequency, s.recency, s.age, s.monetary_value, s.p_alive,"
        + " s.expected_purchases, s.expected_spend, s.ltv, s.ltv_low, s.ltv_high, s.value_at_risk"
        + " FROM " + runs.table("active_models") + " a"
        + " LEFT JOIN " + runs.table("model_runs") + " r ON r.run_id = a.run_id"
        + " LEFT JOIN " + runs.table("customer_scores") + " s ON s.run_id = a.run_id AND s.customer_id = :id"
        + " WHERE a.kind = :kind";
  }

  /** The active run's facts a score needs. */
  record RunFacts(long runId, LocalDate asOf, PeriodUnit unit, Currency currency, double horizonMonths,
      double intervalLevel) {

    /** The SDK's one rounding rule for money, as profiles use it. */
    Money money(double amount) {
      if (!Double.isFinite(amount)) {
        throw new CustintelException("The " + RunStore.KIND + " model run " + runId + " has a money figure that is"
            + " not finite (" + amount + "): the run is damaged. Refresh the model to replace it.");
      }
      return Money.rounded(amount, currency);
    }

    long days(double periods) {
      return Math.round(periods * unit.days());
    }
  }

  /** One score row. */
  record Score(RunFacts run, String customerId, int frequency, double recency, double age, double monetaryValue,
      double probabilityAlive, double expectedPurchases, double expectedSpend, double value, double valueLow,
      double valueHigh, double valueAtRisk) {}

  /**
   * What the one-row query found: no active run, an active run without a score for the customer, or the score.
   * Each case says how it ends a {@link #read}, so nothing stands in for a missing score.
   */
  private sealed interface ScoreLookup permits NoActiveRun, NotScored, Scored {
    /**
     * @throws ModelNotReadyException if no run is active
     * @throws NotFoundException if the active run has no score for the customer
     */
    Score scoreOf(String customerId);
  }

  /** No run of the kind is active (or none was ever fitted). */
  private record NoActiveRun() implements ScoreLookup {
    @Override
    public Score scoreOf(String customerId) {
      throw new ModelNotReadyException(RunStore.KIND);
    }
  }

  /** A run is active but has no score for the customer. */
  private record NotScored(RunFacts run) implements ScoreLookup {
    @Override
    public Score scoreOf(String customerId) {
      throw new NotFoundException("customer score", customerId, "The active model run " + run.runId() + " (as of "
          + run.asOf() + ") has no score for customer '" + customerId + "': a run scores the customers with a"
          + " purchase in " + run.currency().getCurrencyCode() + " up to its as-of day. Check the id; a customer"
          + " who first bought after that day, or only in another currency, is scored by a later run"
          + " (ci.models().refresh()).");
    }
  }

  /** The active run's score for the customer. */
  private record Scored(Score score) implements ScoreLookup {
    @Override
    public Score scoreOf(String customerId) {
      return score;
    }
  }

  /**
   * @throws ModelNotReadyException if no run is active
   * @throws NotFoundException if the active run has no score for the customer
   */
  Score read(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    if (customerId.isBlank()) {
      throw InvalidInputException.argument("customerId", "must not be blank");
    }
    ScoreLookup found = runs.read("Reading the score of customer " + customerId, h -> h.createQuery(sql)
        .bind("id", customerId)
        .bind("kind", RunStore.KIND)
        .map((rs, ctx) -> lookup(rs))
        .findOne())
        // No active_models row for the kind at all: same as one that points at no run.
        .orElseGet(NoActiveRun::new);
    return found.scoreOf(customerId);
  }

  private static ScoreLookup lookup(ResultSet rs) throws SQLException {
    rs.getLong("active_run");
    if (rs.wasNull()) {
      return new NoActiveRun();
    }
    RunFacts run = facts(rs);
    if (rs.getString("customer_id") == null) {
      return new NotScored(run);
    }
    return new Scored(score(rs, run));
  }

  static RunFacts facts(ResultSet rs) throws SQLException {
    if (rs.getObject("calibration_end") == null) {
      // The pointer and the run are changed under the same row lock, so this means someone edited the tables.
      throw new DataAccessException("The active model run " + rs.getLong("active_run") + " is missing from "
          + "model_runs; activate an existing run with ci.models().activate(id) or run ci.models().refresh()",
          new IllegalStateException("dangling active_models.run_id"));
    }
    return new RunFacts(
        rs.getLong("active_run"),
        rs.getObject("calibration_end", LocalDate.class),
        PeriodUnit.valueOf(rs.getString("period_unit")),
        Currency.getInstance(rs.getString("currency").trim()),
        rs.getDouble("horizon_months"),
        rs.getDouble("interval_level"));
  }

  static Score score(ResultSet rs, RunFacts run) throws SQLException {
    return new Score(
        run,
        rs.getString("customer_id"),
        rs.getInt("frequency"),
        rs.getDouble("recency"),
        rs.getDouble("age"),
        rs.getDouble("monetary_value"),
        rs.getDouble("p_alive"),
        rs.getDouble("expected_purchases"),
        rs.getDouble("expected_spend"),
        rs.getDouble("ltv"),
        rs.getDouble("ltv_low"),
        rs.getDouble("ltv_high"),
        rs.getDouble("value_at_risk"));
  }

  /**
   * The active run's facts, for list queries.
   *
   * @throws ModelNotReadyException if no run is active
   */
  RunFacts activeRun() {
    return runs.read("Reading the active model run", h -> h.createQuery(
            "SELECT a.run_id AS active_run, r.calibration_end, r.period_unit, r.currency, r.horizon_months,"
                + " r.interval_level FROM " + runs.table("active_models") + " a JOIN " + runs.table("model_runs")
                + " r ON r.run_id = a.run_id WHERE a.kind = :kind")
        .bind("kind", RunStore.KIND)
        .map((rs, ctx) -> facts(rs))
        .findOne())
        .orElseThrow(() -> new ModelNotReadyException(RunStore.KIND));
  }
}

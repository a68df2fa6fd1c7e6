package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.AtRiskQuery;
import dev.custintel.analytics.churn.ChurnClient;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.ChurnSummary;
import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.model.Probabilities;
import java.util.ArrayList;
import java.util.List;

/** Churn risk from the active run. Not API. */
public final class DefaultChurnClient implements ChurnClient {
  private static final int MAX_LIMIT = AtRiskQuery.MAX_LIMIT;
  private static final int BANDS = 10;

  private final RunStore runs;
  private final ScoreReader scores;

  public DefaultChurnClient(RunStore runs) {
    this.runs = runs;
    this.scores = new ScoreReader(runs);
  }

  @Override
  public ChurnRisk risk(String customerId) {
    ScoreReader.Score s = scores.read(customerId);
    double risk = 1.0 - s.probabilityAlive();
    return new ChurnRisk(
        s.customerId(),
        s.run().runId(),
        s.run().asOf(),
        Probabilities.rounded(risk),
        Probabilities.rounded(s.probabilityAlive()),
        RiskLevel.of(risk),
        s.frequency(),
        s.run().days(s.age() - s.recency()),
        s.run().money(s.valueAtRisk()),
        s.run().money(s.value()));
  }

  @Override
  public ChurnSummary summary() {
    ScoreReader.RunFacts run = scores.activeRun();
    String table = runs.table("customer_scores");
    // Band of a churn risk: floor(10 · risk), the top band closed at 1.
    String band = "LEAST(CAST(FLOOR((1 - p_alive) * " + BANDS + ") AS INTEGER), " + (BANDS - 1) + ")";
    long[] counts = new long[BANDS];
    double[] atRisk = new double[BANDS];
    runs.read("Summarizing churn risk", h -> h.createQuery("SELECT " + band + " AS band, COUNT(*) AS n,"
            + " SUM(value_at_risk) AS var FROM " + table + " WHERE run_id = :run GROUP BY " + band)
        .bind("run", run.runId())
        .map((rs, ctx) -> {
          int b = rs.getInt("band");
          counts[b] = rs.getLong("n");
          atRisk[b] = rs.getDouble("var");
          return b;
        })
        .list());
    Totals totals = runs.read("Summarizing churn risk", h -> h.createQuery("SELECT COUNT(*) AS n,"
            + " SUM(p_alive) AS alive, SUM(value_at_risk) AS var, SUM(ltv) AS ltv,"
            + " SUM(CASE WHEN (1 - p_alive) >= :high THEN 1 ELSE 0 END) AS high,"
            + " SUM(CASE WHEN (1 - p_alive) >= :medium AND (1 - p_alive) < :high THEN 1 ELSE 0 END) AS medium"
            + " FROM " + table + " WHERE run_id = :run")
        .bind("run", run.runId())
        // The bands' bounds come from RiskLevel, so these counts match the level each customer's risk shows.
        .bind("high", RiskLevel.HIGH.lowerBound())
        .bind("medium", RiskLevel.MEDIUM.lowerBound())
        .map((rs, ctx) -> new Totals(rs.getLong("n"), rs.getDouble("alive"), rs.getDouble("var"),
            rs.getDouble("ltv"), rs.getLong("high"), rs.getLong("medium")))
        .one());
    long n = totals.customers();
    List<ChurnSummary.RiskBand> distribution = new ArrayList<>(BANDS);
    for (int b = 0; b < BANDS; b++) {
      distribution.add(new ChurnSummary.RiskBand(
          b / (double) BANDS, (b + 1) / (double) BANDS, counts[b], run.money(atRisk[b])));
    }
    long high = totals.highRisk();
    long medium = totals.mediumRisk();
    return new ChurnSummary(
        run.runId(),
        run.asOf(),
        n,
        n == 0 ? 0.0 : Probabilities.rounded(1.0 - totals.expectedAlive() / n),
        totals.expectedAlive(),
        distribution,
        n - high - medium,
        medium,
        high,
        run.money(totals.valueAtRisk()),
        run.money(totals.lifetimeValue()));
  }

  /**
   * The run-wide sums behind {@link #summary()}, one row of SQL, named so the columns cannot be read back in the
   * wrong order.
   */
  private record Totals(
      long customers, double expectedAlive, double valueAtRisk, double lifetimeValue, long highRisk,
      long mediumRisk) {}

  @Override
  public List<AtRiskCustomer> atRisk(int limit) {
    return atRisk(limit, 0.0);
  }

  @Override
  public List<AtRiskCustomer> atRisk(int limit, double minimumChurnRisk) {
    RunStore.checkLimit(limit, MAX_LIMIT);
    if (!(minimumChurnRisk >= 0.0 && minimumChurnRisk <= 1.0)) {
      throw InvalidInputException.argument(
          "minimumChurnRisk", "must be between 0 and 1 (was " + minimumChurnRisk + ")");
    }
    return atRisk(AtRiskQuery.top(limit).minimumChurnRisk(minimumChurnRisk));
  }

  @Override
  public List<AtRiskCustomer> atRisk(AtRiskQuery query) {
    RunStore.checkLimit(query.limit(), MAX_LIMIT);
    ScoreReader.RunFacts run = scores.activeRun();
    String preset = query.segmentPreset();
    StringBuilder sql = new StringBuilder("SELECT s.customer_id, s.frequency, s.recency, s.age, s.p_alive, s.ltv,"
        + " s.value_at_risk FROM " + runs.table("customer_scores") + " s");
    if (preset != null) {
      sql.append(" JOIN ").append(runs.table("segment_memberships")).append(" m ON m.customer_id = s.customer_id"
          + " AND m.run_id = s.run_id AND m.preset = :preset AND m.segment = :segment");
    }
    if (query.country() != null) {
      sql.append(" JOIN ").append(runs.table("customers")).append(" c ON c.customer_id = s.customer_id"
          + " AND c.country = :country");
    }
    sql.append(" WHERE s.run_id = :run AND (1 - s.p_alive) >= :min"
        + " ORDER BY s.value_at_risk DESC, s.customer_id FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
    return runs.read("Listing customers at risk", h -> {
      if (preset != null) {
        List<String> stored = h.createQuery("SELECT preset FROM " + runs.table("segment_runs") + " WHERE run_id = :run")
            .bind("run", run.runId()).mapTo(String.class).list();
        if (!stored.contains(preset)) {
          throw new ModelNotReadyException("segments", "the at-risk list of segment " + query.segment()
              + " needs the active run " + run.runId() + " to have stored the segments of preset " + preset + "; it "
              + (stored.isEmpty() ? "stored none" : "stored those of " + String.join(", ", stored))
              + ". Refresh the models with that preset.");
        }
      }
      var q = h.createQuery(sql.toString())
          .bind("run", run.runId())
          .bind("min", query.minimumChurnRisk());
      if (preset != null) {
        q.bind("preset", preset).bind("segment", query.segment());
      }
      if (query.country() != null) {
        q.bind("country", query.country());
      }
      return q.map((rs, ctx) -> {
        double alive = rs.getDouble("p_alive");
        double risk = 1.0 - alive;
        double valueAtRisk = rs.getDouble("value_at_risk");
        // value if active = ltv / P(alive) = value at risk / (1 − P(alive)): divide by the larger of the two.
        double ifActive = alive >= 0.5 ? rs.getDouble("ltv") / alive : valueAtRisk / risk;
        return new AtRiskCustomer(
            rs.getString("customer_id"),
            Probabilities.rounded(risk),
            run.money(valueAtRisk),
            run.money(ifActive),
            rs.getInt("frequency"),
            run.days(rs.getDouble("age") - rs.getDouble("recency")));
      }).list();
    });
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.ValueDrivers;
import dev.custintel.analytics.ltv.LtvClient;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.analytics.ltv.RankedValue;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Probabilities;
import java.util.List;
import java.util.Objects;

/** Lifetime value from the active run. Not API. */
public final class DefaultLtvClient implements LtvClient {
  private static final int MAX_LIMIT = 10_000;

  private final RunStore runs;
  private final ActiveRuns active;
  private final ScoreReader scores;

  public DefaultLtvClient(RunStore runs, ActiveRuns active) {
    this.runs = runs;
    this.active = active;
    this.scores = new ScoreReader(runs);
  }

  @Override
  public LtvPrediction predict(String customerId) {
    ScoreReader.Score s = scores.read(customerId);
    ActiveRuns.RunModels models = active.models(s.run().runId());
    ModelRun run = models.run();
    ValueDrivers drivers = models.valueModel().drivers(
        summary(s), s.monetaryValue(), run.fits().reference(), run.valuation());
    ScoreReader.RunFacts f = s.run();
    return new LtvPrediction(s.customerId(), f.runId(), f.asOf(), run.valuation().horizon(), f.money(s.value()),
        f.money(s.valueLow()), f.money(s.valueHigh()), run.valuation().intervalLevel(), s.expectedPurchases(),
        f.money(s.expectedSpend()), Probabilities.rounded(s.probabilityAlive()), drivers);
  }

  @Override
  public LtvPrediction predict(String customerId, Horizon horizon) {
    Objects.requireNonNull(horizon, "horizon");
    ScoreReader.Score s = scores.read(customerId);
    ActiveRuns.RunModels models = active.models(s.run().runId());
    ModelRun run = models.run();
    ValuationOptions options = run.valuation().withHorizon(horizon);
    RfmSummary summary = summary(s);
    CustomerValue v = models.valueModel().value(s.customerId(), summary, s.monetaryValue(), options);
    ValueDrivers drivers = models.valueModel().drivers(summary, s.monetaryValue(), run.fits().reference(), options);
    ScoreReader.RunFacts f = s.run();
    return new LtvPrediction(s.customerId(), f.runId(), f.asOf(), horizon, f.money(v.value()), f.money(v.valueLow()),
        f.money(v.valueHigh()), options.intervalLevel(), v.expectedPurchases(), f.money(v.expectedSpend()),
        Probabilities.rounded(v.probabilityAlive()), drivers);
  }

  @Override
  public List<RankedValue> top(int limit) {
    RunStore.checkLimit(limit, MAX_LIMIT);
    ScoreReader.RunFacts run = scores.activeRun();
    return runs.read("Ranking customers by value", h -> h.createQuery("SELECT customer_id, ltv, ltv_low, ltv_high,"
            + " p_alive FROM " + runs.table("customer_scores") + " WHERE run_id = :run"
            + " ORDER BY ltv DESC, customer_id FETCH FIRST " + limit + " ROWS ONLY")
        .bind("run", run.runId())
        .map((rs, ctx) -> new RankedValue(rs.getString("customer_id"), run.money(rs.getDouble("ltv")),
            run.money(rs.getDouble("ltv_low")), run.money(rs.getDouble("ltv_high")),
            Probabilities.rounded(rs.getDouble("p_alive"))))
        .list());
  }

  private static RfmSummary summary(ScoreReader.Score s) {
    return RfmSummary.of(s.frequency(), s.recency(), s.age());
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaParameters;
import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.models.FitReport;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.store.CustintelStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fitted models of recent runs, rebuilt from their stored parameters and kept by run id (runs never change,
 * so an entry never goes stale), and what must happen when a run is activated. Thread-safe. Not API.
 */
public final class ActiveRuns {
  private static final int RUNS_KEPT = 8;

  private final CustintelStore store;
  private final RunStore runs;
  private final Map<Long, RunModels> models = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, RunModels> eldest) {
      return size() > RUNS_KEPT;
    }
  };

  public ActiveRuns(CustintelStore store, RunStore runs) {
    this.store = store;
    this.runs = runs;
  }

  /** A run with its value model. */
  record RunModels(ModelRun run, CustomerValueModel valueModel) {}

  /** Called after a run was activated in the database: cached profiles may show the previous run's scores. */
  void activated() {
    store.customers().invalidateCache();
  }

  /** @return the run's value model, rebuilt from the stored fits */
  RunModels models(long runId) {
    synchronized (models) {
      RunModels cached = models.get(runId);
      if (cached != null) {
        return cached;
      }
    }
    ModelRun run = runs.find(runId).orElseThrow(() -> new NotFoundException("model run", Long.toString(runId)));
    RunModels built = new RunModels(run, rebuild(run));
    synchronized (models) {
      models.put(runId, built);
    }
    return built;
  }

  private static CustomerValueModel rebuild(ModelRun run) {
    FitReport p = run.purchaseModel();
    FitReport s = run.spendModel();
    PurchaseModel purchases = PurchaseModelKind.fromId(p.model()).of(
        p.parameters().values().stream().mapToDouble(Double::doubleValue).toArray());
    GammaGammaModel spend = GammaGammaModel.of(new GammaGammaParameters(
        s.parameters().get("p"), s.parameters().get("q"), s.parameters().get("gamma")));
    ParameterCovariance pc = p.covariance();
    ParameterCovariance sc = s.covariance();
    if (pc == null || sc == null) {
      // Runs are only written with both covariances; a row edited by hand is the only way here.
      throw new ModelNotReadyException(RunStore.KIND);
    }
    return CustomerValueModel.of(purchases, pc, spend, sc, run.unit(), run.currency());
  }
}

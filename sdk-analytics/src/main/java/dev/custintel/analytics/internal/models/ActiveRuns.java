package dev.custintel.analytics.internal.models;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The fitted models of recent runs, rebuilt from their stored parameters and kept by run id (runs never change,
 * so an entry never goes stale), and what must happen when a run is activated. Thread-safe: threads asking for
 * the same run at once share a single load, since rebuilding a run reads the database and refits nothing but is
 * still not free. Not API.
 */
public final class ActiveRuns {
  private static final int RUNS_KEPT = 8;

  private final CustintelStore store;
  private final LoadingCache<Long, RunModels> models;

  public ActiveRuns(CustintelStore store, RunStore runs) {
    this(store, runId -> load(runs::find, runId));
  }

  /** Takes the loader directly so a test can count loads without a database. */
  ActiveRuns(CustintelStore store, LongFunction<RunModels> loader) {
    this.store = store;
    // Caffeine runs at most one load per key at a time and hands its result to every waiting caller; a loader's
    // unchecked exception reaches the caller unwrapped and nothing is cached, so a missing run is asked for again.
    this.models = Caffeine.newBuilder().maximumSize(RUNS_KEPT).build(loader::apply);
  }

  /** A run with its value model. */
  record RunModels(ModelRun run, CustomerValueModel valueModel) {}

  /** Called after a run was activated in the database: cached profiles may show the previous run's scores. */
  void activated() {
    store.customers().invalidateCache();
  }

  /**
   * @return the run's value model, rebuilt from the stored fits on first use
   * @throws NotFoundException if there is no such run
   */
  RunModels models(long runId) {
    return models.get(runId);
  }

  /** Reads the run with {@code find} and rebuilds its value model; the production loader. */
  static RunModels load(LongFunction<Optional<ModelRun>> find, long runId) {
    ModelRun run = find.apply(runId).orElseThrow(() -> RunStore.noRun(runId));
    return new RunModels(run, rebuild(run));
  }

  private static CustomerValueModel rebuild(ModelRun run) {
    FitReport p = run.fits().purchaseModel();
    FitReport s = run.fits().spendModel();
    PurchaseModel purchases = PurchaseModelKind.fromId(p.model()).of(
        p.parameters().values().stream().mapToDouble(Double::doubleValue).toArray());
    GammaGammaModel spend = GammaGammaModel.of(new GammaGammaParameters(
        parameter(run, s, "p"), parameter(run, s, "q"), parameter(run, s, "gamma")));
    ParameterCovariance pc = p.covariance();
    ParameterCovariance sc = s.covariance();
    if (pc == null || sc == null) {
      // Runs are only written with both covariances; a row edited by hand is the only way here.
      throw damaged(run, "its " + (pc == null ? p.model() : s.model()) + " fit has no parameter covariance");
    }
    return CustomerValueModel.of(purchases, pc, spend, sc, run.data().unit(), run.data().currency());
  }

  /** A stored fit's parameter; a run is only written with all of them, so a missing one means a damaged row. */
  private static double parameter(ModelRun run, FitReport fit, String name) {
    Double value = fit.parameters().get(name);
    if (value == null) {
      // As for a missing covariance: only a hand-edited row.
      throw damaged(run, "its " + fit.model() + " fit has no parameter '" + name + "'");
    }
    return value;
  }

  private static ModelNotReadyException damaged(ModelRun run, String what) {
    return new ModelNotReadyException(RunStore.KIND, "model run " + run.id() + " is damaged: " + what + "."
        + " Refresh the models (ci.models().refresh()) to write and activate a new run, or activate another run.");
  }
}

package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.backtest.CalibrationBin;
import dev.custintel.analytics.clv.backtest.TrackingPoint;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.analytics.models.BacktestReport;
import dev.custintel.analytics.models.FitReport;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel models refresh}: a new model run on a database's purchases, printed as JSON. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the customer-value models on the purchases stored in the database: summarizes every customer up to "
          + "--as-of, backtests the purchase model on a holdout (fitted up to --holdout-weeks before --as-of, "
          + "checked on the weeks after), fits the purchase and Gamma-Gamma spend models on all the data, scores "
          + "every customer (P(alive), expected purchases and lifetime value over 12 months at 1%% a month, with a "
          + "90%% interval), writes the run in one transaction and makes it the active one. Profiles then show "
          + "its scores.",
      "Prints the run as JSON, nested as the ModelRun record is: id, createdAt, active; data (asOf: the last "
          + "day of purchases used, unit, currency, customers scored, purchases counted, latestPurchaseAt); "
          + "valuation (horizonMonths, monthlyDiscountRate, intervalLevel); fits (purchaseModel and spendModel, "
          + "each with model, params, standardErrors, logLikelihood, converged, iterations, gradientNorm); quality "
          + "(backtest: calibrationEnd, holdoutEnd, holdoutPeriods, customers, actualRepeatPurchases, "
          + "predictedRepeatPurchases, meanAbsoluteError, rootMeanSquaredError, churnAuc, fit, aliveCalibration, "
          + "tracking, or null with the reason in backtestSkipped); timing (totalMillis, phasesMillis); and "
          + "affinity (baskets, products, minCount, frequentItemsets, rules, truncated, customerLtvMean) or null.",
      "Exit code 1 if there is not enough data (no customer who bought again on a later day: the message gives "
          + "the counts) or a fit does not converge; nothing is written then and the active run stays active."
    },
    footer = {
      "",
      "Example (the CDNOW sample, backtested on its last 39 weeks):",
      "  custintel models refresh --db jdbc:h2:file:./ci-data/ci --as-of 1998-06-30 --holdout-weeks 39"
    })
final class ModelsRefreshCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = ClvInput.DateConverter.class,
      description = "Use the purchases up to this day (UTC, inclusive), such as 1998-06-30 (default: the day of "
          + "the latest purchase)")
  @Nullable LocalDate asOf;

  @Option(
      names = "--holdout-weeks",
      paramLabel = "N",
      description = "Backtest on the last N weeks up to --as-of, 1 or more (default: a third of the history, "
          + "at most 52 weeks)")
  @Nullable Integer holdoutWeeks;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      defaultValue = "mbgnbd",
      converter = ClvScoreCommand.ModelConverter.class,
      completionCandidates = ClvScoreCommand.ModelNames.class,
      description = "The purchase model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  PurchaseModelKind model;

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      converter = DemoCommand.CurrencyConverter.class,
      description = "Model the purchases in this currency (default: the one most purchases are in)")
  @Nullable Currency currency;

  @Option(
      names = "--period",
      paramLabel = "UNIT",
      defaultValue = "week",
      converter = ClvInput.PeriodConverter.class,
      completionCandidates = ClvInput.PeriodNames.class,
      description = "Time unit of the summaries and models: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  PeriodUnit period;

  @Override
  public Integer call() {
    database.check(spec);
    if (holdoutWeeks != null && holdoutWeeks < 1) {
      throw new ParameterException(spec.commandLine(), "--holdout-weeks must be 1 or more (was " + holdoutWeeks
          + ")");
    }
    ModelRunRequest.Builder request = ModelRunRequest.builder().purchaseModel(model).unit(period);
    if (asOf != null) {
      request.asOf(asOf);
    }
    if (holdoutWeeks != null) {
      request.holdout(Period.ofWeeks(holdoutWeeks));
    }
    if (currency != null) {
      request.currency(currency);
    }
    ModelRun run;
    try (CustomerIntelligence ci = database.open()) {
      run = ci.models().refresh(request.build());
    }
    Json.print(spec.commandLine().getOut(), view(run));
    return CustintelCli.OK;
  }

  /**
   * @param run a model run
   * @return its full JSON view
   */
  static Map<String, Object> view(ModelRun run) {
    Map<String, Object> m = ModelsListCommand.identity(run);
    m.put("valuation", valuationView(run.valuation()));
    Map<String, Object> fits = Json.object();
    fits.put("purchaseModel", fitView(run.fits().purchaseModel()));
    fits.put("spendModel", fitView(run.fits().spendModel()));
    m.put("fits", fits);
    ModelRun.Quality q = run.quality();
    Map<String, Object> quality = Json.object();
    quality.put("backtest", q.backtest() == null ? null : backtestView(q.backtest()));
    quality.put("backtestSkipped", q.backtestSkipped());
    m.put("quality", quality);
    Map<String, Object> timing = Json.object();
    timing.put("totalMillis", run.timing().total().toMillis());
    Map<String, Object> phases = Json.object();
    for (Map.Entry<String, Duration> e : run.timing().phases().entrySet()) {
      phases.put(e.getKey(), e.getValue().toMillis());
    }
    timing.put("phasesMillis", phases);
    m.put("timing", timing);
    m.put("affinity", run.affinity() == null ? null : affinityView(run.affinity()));
    return m;
  }

  private static Map<String, Object> affinityView(AffinityReport a) {
    Map<String, Object> m = Json.object();
    m.put("baskets", a.baskets());
    m.put("products", a.products());
    m.put("minCount", a.minCount());
    m.put("frequentItemsets", a.frequentItemsets());
    m.put("rules", a.rules());
    m.put("truncated", a.truncated());
    m.put("customerLtvMean", ClvFits.number(a.customerLtvMean()));
    return m;
  }

  private static Map<String, Object> valuationView(ValuationOptions v) {
    Map<String, Object> m = Json.object();
    m.put("horizonMonths", ClvFits.number(v.horizon().months()));
    m.put("monthlyDiscountRate", ClvFits.number(v.monthlyDiscountRate()));
    m.put("intervalLevel", ClvFits.number(v.intervalLevel()));
    return m;
  }

  private static Map<String, Object> fitView(FitReport fit) {
    Map<String, Object> m = Json.object();
    m.put("model", fit.model());
    m.put("params", numbers(fit.parameters()));
    m.put("standardErrors", fit.standardErrors().isEmpty() ? null : numbers(fit.standardErrors()));
    m.put("logLikelihood", ClvFits.number(fit.logLikelihood()));
    m.put("converged", fit.converged());
    m.put("iterations", fit.iterations());
    m.put("gradientNorm", ClvFits.number(fit.gradientNorm()));
    return m;
  }

  private static Map<String, Object> numbers(Map<String, Double> values) {
    Map<String, Object> m = Json.object();
    values.forEach((name, value) -> m.put(name, ClvFits.number(value)));
    return m;
  }

  private static Map<String, Object> backtestView(BacktestReport b) {
    Map<String, Object> m = Json.object();
    m.put("calibrationEnd", b.calibrationEnd().toString());
    m.put("holdoutEnd", b.holdoutEnd().toString());
    m.put("holdoutPeriods", ClvFits.number(b.holdoutPeriods()));
    m.put("customers", b.customers());
    m.put("actualRepeatPurchases", b.actualRepeatPurchases());
    m.put("predictedRepeatPurchases", ClvFits.number(b.predictedRepeatPurchases()));
    m.put("meanAbsoluteError", ClvFits.number(b.meanAbsoluteError()));
    m.put("rootMeanSquaredError", ClvFits.number(b.rootMeanSquaredError()));
    m.put("churnAuc", b.churnAuc() == null ? null : ClvFits.number(b.churnAuc()));
    m.put("fit", fitView(b.fit()));
    List<Map<String, Object>> bins = new ArrayList<>();
    for (CalibrationBin bin : b.aliveCalibration()) {
      Map<String, Object> row = Json.object();
      row.put("bin", bin.bin());
      row.put("customers", bin.customers());
      row.put("minPredicted", ClvFits.number(bin.minPredicted()));
      row.put("maxPredicted", ClvFits.number(bin.maxPredicted()));
      row.put("meanPredicted", ClvFits.number(bin.meanPredicted()));
      row.put("observedShare", ClvFits.number(bin.observedShare()));
      bins.add(row);
    }
    m.put("aliveCalibration", bins);
    List<Map<String, Object>> tracking = new ArrayList<>();
    for (TrackingPoint point : b.tracking()) {
      Map<String, Object> row = Json.object();
      row.put("period", point.period());
      row.put("actual", point.actual());
      row.put("predicted", ClvFits.number(point.predicted()));
      row.put("inHoldout", point.inHoldout());
      tracking.add(row);
    }
    m.put("tracking", tracking);
    return m;
  }
}

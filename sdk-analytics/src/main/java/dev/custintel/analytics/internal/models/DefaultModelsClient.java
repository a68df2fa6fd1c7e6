package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.AffinityOptions;
import dev.custintel.analytics.affinity.AssociationRule;
import dev.custintel.analytics.affinity.AssociationRules;
import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.analytics.affinity.FpGrowth;
import dev.custintel.analytics.affinity.FrequentItemsets;
import dev.custintel.analytics.affinity.ItemFilter;
import dev.custintel.analytics.affinity.RuleOptions;
import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.FitDiagnostics;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaOptions;
import dev.custintel.analytics.clv.GammaGammaSampleCounts;
import dev.custintel.analytics.clv.ParameterCovariance;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.ReferenceCustomer;
import dev.custintel.analytics.clv.RfmSummary;
import dev.custintel.analytics.clv.SpendSummary;
import dev.custintel.analytics.clv.backtest.Backtest;
import dev.custintel.analytics.clv.backtest.BacktestResult;
import dev.custintel.analytics.clv.summary.CalibrationHoldoutSplit;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.StoreSummaries;
import dev.custintel.analytics.clv.summary.Summaries;
import dev.custintel.analytics.models.AffinityReport;
import dev.custintel.analytics.models.BacktestReport;
import dev.custintel.analytics.models.FitReport;
import dev.custintel.analytics.models.ModelFitException;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.store.CustintelStore;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Model runs over a store. Not API. */
public final class DefaultModelsClient implements ModelsClient {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultModelsClient.class);
  private static final int MAX_LIST = 1_000;
  private static final int MAX_DEFAULT_HOLDOUT_WEEKS = 52;

  private final CustintelStore store;
  private final RunStore runs;
  private final ActiveRuns active;
  private final Clock clock;
  private final Timer refreshTimer;

  public DefaultModelsClient(CustintelStore store, RunStore runs, ActiveRuns active) {
    this.store = store;
    this.runs = runs;
    this.active = active;
    this.clock = store.clock();
    this.refreshTimer = Timer.builder("custintel.model.refresh")
        .description("Model runs: summaries, backtest, fits, scores and the write")
        .tag("store", store.tablePrefix())
        .register(store.meterRegistry());
  }

  @Override
  public ModelRun refresh() {
    return refresh(ModelRunRequest.defaults());
  }

  @Override
  public ModelRun refresh(ModelRunRequest request) {
    if (request == null) {
      throw InvalidInputException.argument("request", "must not be null");
    }
    return refreshTimer.record(() -> run(request));
  }

  private ModelRun run(ModelRunRequest request) {
    long started = System.nanoTime();
    Map<String, Long> timings = new LinkedHashMap<>();
    Currency currency = request.currency().or(runs::mainCurrency).orElseThrow(() -> InvalidInputException.argument(
        "store", "has no purchases to model; ingest orders first"));
    RunStore.Extent extent = runs.extent(currency, request.asOf().orElse(null));
    if (extent.purchases() == 0 || extent.latest() == null || extent.first() == null) {
      throw InvalidInputException.argument(request.asOf().isPresent() ? "asOf" : "currency",
          "leaves no purchases in " + currency.getCurrencyCode() + " to model"
              + request.asOf().map(d -> " up to " + d).orElse(""));
    }
    LocalDate asOf = request.asOf().orElse(LocalDate.ofInstant(extent.latest(), ZoneOffset.UTC));
    PurchaseModelKind kind = request.purchaseModel();

    BacktestReport backtest = null;
    String skipped = null;
    Summaries summaries = null;
    if (request.backtest()) {
      LocalDate first = LocalDate.ofInstant(extent.first(), ZoneOffset.UTC);
      Period holdout = request.holdout().orElseGet(() -> defaultHoldout(first, asOf));
      LocalDate calibrationEnd = asOf.minus(holdout);
      if (calibrationEnd.isBefore(first)) {
        skipped = "the holdout of " + holdout + " starts before the first purchase (" + first + ")";
      } else {
        // One read of the orders gives the split for the backtest and the summaries for the fit.
        long t = System.nanoTime();
        StoreSummaries.SplitAndSummaries both;
        try {
          both = StoreSummaries.splitAndSummarize(store, currency, calibrationEnd, asOf, request.unit());
        } catch (InvalidInputException e) {
          both = null;
          skipped = "the calibration period to " + calibrationEnd + " could not be summarized: " + e.getMessage();
        }
        timings.put("summaries", millisSince(t));
        if (both != null) {
          summaries = both.summaries();
          t = System.nanoTime();
          try {
            backtest = backtest(both.split(), calibrationEnd, asOf, kind);
          } catch (InvalidInputException | ModelFitException e) {
            skipped = "the calibration period to " + calibrationEnd + " could not be fitted: " + e.getMessage();
          }
          timings.put("backtest", millisSince(t));
        }
      }
    } else {
      skipped = "not requested";
    }

    if (summaries == null) {
      long t = System.nanoTime();
      summaries = StoreSummaries.summarize(store, currency, asOf, request.unit());
      timings.merge("summaries", millisSince(t), Long::sum);
    }
    List<CustomerRfm> customers = summaries.customers();

    long t = System.nanoTime();
    PurchaseModel purchases = fitPurchases(kind, customers);
    GammaGammaModel spend = fitSpend(customers);
    timings.put("fit", millisSince(t));

    t = System.nanoTime();
    CustomerValueModel valueModel = CustomerValueModel.of(purchases, spend, request.unit(), currency);
    List<CustomerValue> values = valueModel.values(customers, request.valuation());
    ReferenceCustomer reference = ReferenceCustomer.median(customers);
    timings.put("score", millisSince(t));

    Mined mined = null;
    if (request.affinity().isPresent()) {
      t = System.nanoTime();
      mined = mineAffinity(asOf, values, request.affinity().get());
      timings.put("affinity", millisSince(t));
    }
    RunStore.AffinityWrite affinity = mined == null ? null : mined.write();
    AffinityReport affinityReport = mined == null ? null : mined.report();

    FitReport purchaseReport = report(kind.id(), kind.parameterNames(), purchases.logParameters(),
        purchases.covariance().orElse(null), purchases.diagnostics().orElseThrow(),
        logLikelihood(purchases));
    GammaGammaSampleCounts counts = spend.sampleCounts().orElseThrow();
    FitReport spendReport = report("gammaGamma", List.of("p", "q", "gamma"),
        new double[] {Math.log(spend.parameters().p()), Math.log(spend.parameters().q()),
            Math.log(spend.parameters().gamma())},
        spend.covariance().orElse(null), spend.diagnostics().orElseThrow(), spend.logLikelihood().orElseThrow());
    Map<String, Integer> spendSample = new LinkedHashMap<>();
    spendSample.put("fitted", counts.fitted());
    spendSample.put("excludedNoRepeat", counts.excludedNoRepeat());
    spendSample.put("excludedNonPositiveSpend", counts.excludedNonPositiveSpend());

    Instant now = clock.instant();
    String paramsJson = RunDocuments.write(new RunDocuments.Params(
        RunDocuments.Fit.of(purchaseReport), RunDocuments.Fit.of(spendReport), reference));
    BacktestReport finalBacktest = backtest;
    String finalSkipped = skipped;
    long writeStart = System.nanoTime();
    RunStore.RunRow row = new RunStore.RunRow(
        now, asOf, request.unit(), currency, customers.size(), extent.latest(), extent.purchases(),
        request.valuation(), paramsJson);
    AffinityReport finalAffinity = affinityReport;
    long id = runs.write(row, values, affinity, request.activate(), runId -> {
      // Inside the writing transaction, after the scores: the write's own time is known now.
      Map<String, Long> all = new LinkedHashMap<>(timings);
      all.put("write", millisSince(writeStart));
      return new RunStore.RunFinish(Duration.ofNanos(System.nanoTime() - started), RunDocuments.write(
          new RunDocuments.Metrics(
          RunDocuments.Backtest.of(finalBacktest), finalSkipped, all, spendSample, finalAffinity)));
    });
    if (request.activate()) {
      active.activated();
    }
    LOG.info("Model run {} ({} customers, {} {}, as of {}, {}) written in {} ms{}", id, customers.size(), kind.id(),
        currency.getCurrencyCode(), asOf, affinityReport == null ? "no affinity" : affinityReport.rules()
            + " product rules from " + affinityReport.baskets() + " baskets", millisSince(started),
        request.activate() ? " and activated" : "");
    return get(id);
  }

  /** What the affinity phase hands to the write: the rows, and the report for the run's metrics. */
  private record Mined(RunStore.AffinityWrite write, AffinityReport report) {}

  /**
   * Mines the purchase orders up to the as-of day for product rules; each product's statistics carry the mean
   * lifetime value of its buyers among this run's values.
   */
  private Mined mineAffinity(LocalDate asOf, List<CustomerValue> values, AffinityOptions options) {
    Map<String, Double> ltv = new HashMap<>(values.size() * 2);
    double ltvSum = 0;
    for (CustomerValue v : values) {
      ltv.put(v.customerId(), v.value());
      ltvSum += v.value();
    }
    StoreBasketReader.Result read = StoreBasketReader.read(store, asOf, ltv);
    Baskets baskets = read.baskets();
    FrequentItemsets itemsets = FpGrowth.mine(baskets, options.miningFor(baskets.size()));
    Optional<RuleOptions> ruleOptions = knownItemsOnly(options.rules(), baskets);
    List<AssociationRule> rules = List.of();
    boolean truncated = itemsets.truncated();
    if (ruleOptions.isPresent()) {
      AssociationRules generated = AssociationRules.generate(itemsets, ruleOptions.get());
      rules = generated.rules();
      truncated |= generated.truncated();
    }
    AffinityReport report = new AffinityReport(baskets.size(), baskets.itemCount(),
        options.minCountFor(baskets.size()), itemsets.size(), rules.size(), truncated,
        values.isEmpty() ? 0 : ltvSum / values.size(), options);
    return new Mined(new RunStore.AffinityWrite(rules, read.products()), report);
  }

  /**
   * The rule options with their item filter cut down to products that are in some basket: a run must not fail
   * because a product named in the options has not been sold yet (as {@link AssociationRules#generate} would).
   *
   * @return the options, or empty when a required set names no sold product, so no rule can qualify
   */
  static Optional<RuleOptions> knownItemsOnly(RuleOptions options, Baskets baskets) {
    ItemFilter f = options.items();
    if (f.isNone()) {
      return Optional.of(options);
    }
    Set<String> requiredInAntecedent = known(f.requiredInAntecedent(), baskets);
    Set<String> requiredInConsequent = known(f.requiredInConsequent(), baskets);
    if (requiredInAntecedent.isEmpty() != f.requiredInAntecedent().isEmpty()
        || requiredInConsequent.isEmpty() != f.requiredInConsequent().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(options.withItems(new ItemFilter(requiredInAntecedent, requiredInConsequent,
        known(f.forbiddenInAntecedent(), baskets), known(f.forbiddenInConsequent(), baskets))));
  }

  private static Set<String> known(Set<String> products, Baskets baskets) {
    Set<String> known = new HashSet<>();
    for (String p : products) {
      if (baskets.itemId(p).isPresent()) {
        known.add(p);
      }
    }
    return known;
  }

  private BacktestReport backtest(
      CalibrationHoldoutSplit split, LocalDate calibrationEnd, LocalDate holdoutEnd, PurchaseModelKind kind) {
    PurchaseModel model = fitPurchases(kind, split.calibration().customers());
    BacktestResult result = Backtest.run(split, model);
    FitReport fit = report(kind.id(), kind.parameterNames(), model.logParameters(), model.covariance().orElse(null),
        model.diagnostics().orElseThrow(), logLikelihood(model));
    return new BacktestReport(
        calibrationEnd,
        holdoutEnd,
        split.holdoutDuration(),
        split.calibration().customers().size(),
        result.accuracy().actualTotal(),
        result.accuracy().predictedTotal(),
        result.accuracy().meanAbsoluteError(),
        result.accuracy().rootMeanSquaredError(),
        result.aliveAuc().isPresent() ? result.aliveAuc().getAsDouble() : null,
        result.aliveCalibration(),
        result.tracking(),
        fit);
  }

  private static PurchaseModel fitPurchases(PurchaseModelKind kind, List<CustomerRfm> customers) {
    if (customers.isEmpty()) {
      throw InvalidInputException.argument("customers", "there are no customers to model");
    }
    List<RfmSummary> rfm = customers.stream().map(RfmSummary::of).toList();
    PurchaseModel model = kind.fit(rfm);
    FitDiagnostics d = model.diagnostics().orElseThrow();
    if (!d.converged()) {
      throw new ModelFitException(kind.id(), d, logLikelihood(model));
    }
    return model;
  }

  private static GammaGammaModel fitSpend(List<CustomerRfm> customers) {
    List<SpendSummary> spend = customers.stream()
        .map(SpendSummary::of)
        .toList();
    GammaGammaModel model = GammaGammaModel.fit(spend, GammaGammaOptions.defaults());
    FitDiagnostics d = model.diagnostics().orElseThrow();
    if (!d.converged()) {
      throw new ModelFitException("gammaGamma", d, model.logLikelihood().orElseThrow());
    }
    return model;
  }

  private static double logLikelihood(PurchaseModel m) {
    return m.logLikelihood().orElseThrow();
  }

  private static FitReport report(
      String model, List<String> names, double[] logParameters, @Nullable ParameterCovariance covariance,
      FitDiagnostics diagnostics, double logLikelihood) {
    Map<String, Double> parameters = new LinkedHashMap<>();
    Map<String, Double> errors = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      double value = Math.exp(logParameters[i]);
      parameters.put(names.get(i), value);
      if (covariance != null) {
        errors.put(names.get(i), value * Math.sqrt(covariance.logCovariance(i, i)));
      }
    }
    return new FitReport(model, parameters, errors, logLikelihood, diagnostics.converged(), diagnostics.iterations(),
        diagnostics.gradientNorm(), diagnostics.distinctSummaries(), covariance);
  }

  /** A third of the span from the first purchase to the as-of day, in whole weeks, 1 to 52. */
  static Period defaultHoldout(LocalDate first, LocalDate asOf) {
    long days = ChronoUnit.DAYS.between(first, asOf);
    long weeks = Math.max(1, Math.min(MAX_DEFAULT_HOLDOUT_WEEKS, Math.round(days / 3.0 / 7.0)));
    return Period.ofWeeks((int) weeks);
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }

  @Override
  public Optional<ModelRun> active() {
    return runs.activeRunId().flatMap(runs::find);
  }

  @Override
  public ModelRun get(long runId) {
    return runs.find(runId).orElseThrow(() -> new NotFoundException("model run", Long.toString(runId)));
  }

  @Override
  public List<ModelRun> list(int limit) {
    RunStore.checkLimit(limit, MAX_LIST);
    return runs.list(limit);
  }

  @Override
  public ModelRun activate(long runId) {
    if (!runs.activate(runId, clock.instant())) {
      throw new NotFoundException("model run", Long.toString(runId));
    }
    active.activated();
    return get(runId);
  }

  @Override
  public int prune(int keep) {
    if (keep < 1) {
      throw InvalidInputException.argument("keep", "must be 1 or more (was " + keep + ")");
    }
    return runs.prune(keep);
  }
}

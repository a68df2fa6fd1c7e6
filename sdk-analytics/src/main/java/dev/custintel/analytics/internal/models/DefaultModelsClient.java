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
import dev.custintel.analytics.models.InsufficientDataException;
import dev.custintel.analytics.models.ModelFitException;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.analytics.models.ModelsClient;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.store.DatabaseKind;
import org.jdbi.v3.core.Handle;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Model runs over a store. Not API. */
public final class DefaultModelsClient implements ModelsClient {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultModelsClient.class);
  private static final int MAX_LIST = 1_000;
  private static final int MAX_DEFAULT_HOLDOUT_WEEKS = 52;

  private final StoreAccess access;
  private final RunStore runs;
  private final ActiveRuns active;
  private final Rescorer rescorer;
  private final Clock clock;
  private final Timer refreshTimer;

  public DefaultModelsClient(StoreAccess access, RunStore runs, ActiveRuns active, Rescorer rescorer) {
    this.access = access;
    this.runs = runs;
    this.active = active;
    this.rescorer = rescorer;
    this.clock = access.store().clock();
    this.refreshTimer = Timer.builder("custintel.model.refresh")
        .description("Model runs: summaries, backtest, fits, scores and the write")
        .tag("store", access.prefix())
        .register(access.store().meterRegistry());
  }

  @Override
  public ModelRun refresh() {
    return refresh(ModelRunRequest.defaults());
  }

  @Override
  public ModelRun refresh(ModelRunRequest request) {
    Objects.requireNonNull(request, "request");
    // Customers re-scored while the run reads and fits (under the run before it, maybe from orders its snapshot
    // misses) are re-scored under it once it is active: the log's mark now, the customers after it at activation.
    long mark = rescorer.mark();
    Set<String> rescoredMeanwhile = new TreeSet<>();
    ModelRun run = refreshTimer.record(() -> run(request, mark, rescoredMeanwhile));
    rescorer.runActivated(rescoredMeanwhile);
    return run;
  }

  @Override
  public int rescore(Collection<String> customerIds) {
    Objects.requireNonNull(customerIds, "customerIds");
    for (String id : customerIds) {
      Objects.requireNonNull(id, "customerIds holds a null");
    }
    return rescorer.rescore(customerIds);
  }

  /**
   * On PostgreSQL, refreshes the planner's statistics of the tables a run fills. Until they are analysed the
   * planner takes a table of a new run's 100,000 scores for a few hundred rows and reads a profile's score with a
   * sequential scan (23.7 ms instead of 0.14 ms measured on 100,000 customers), and autovacuum analyses a table
   * only a while after it changed, or never where it is off. A failure here is logged: the run is written.
   */
  private void analyseWrittenTables(boolean affinity) {
    if (access.kind() != DatabaseKind.POSTGRESQL) {
      return;
    }
    List<String> tables = affinity
        ? List.of("customer_scores", "product_rules", "product_rule_items", "product_stats")
        : List.of("customer_scores");
    try {
      access.read("Analysing the tables of a model run", h -> {
        for (String table : tables) {
          h.execute("ANALYZE " + access.table(table));
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("Could not refresh the planner statistics after a model run: {}", e.getMessage());
    }
  }

  /**
   * One model run, in phases: read (one snapshot of the store), backtest, fit, score, mine, write. Each phase
   * returns a record that the next takes.
   */
  private ModelRun run(ModelRunRequest request, long mark, Set<String> rescoredMeanwhile) {
    PhaseTimer timer = new PhaseTimer();
    Inputs in = access.inSnapshot("Reading the orders for a model run", h -> read(h, request, timer));
    requireRepeatCustomers(in);
    CalibrationHoldoutSplit split = in.split();
    Backtested backtested = split == null
        ? new Backtested(null, in.skipped())
        : timer.time("backtest", () -> backtest(split, request.purchaseModel()));
    List<CustomerRfm> customers = in.summaries().customers();
    Fitted fitted = timer.time("fit", () -> new Fitted(
        fitPurchases(request.purchaseModel(), customers), fitSpend(customers)));
    Scored scored = timer.time("score", () -> score(fitted, customers, in.currency(), request));
    StoreBasketReader.Result baskets = in.baskets();
    Mined mined = baskets == null || request.affinity().isEmpty() ? null
        : timer.time("affinity", () -> mineAffinity(baskets, scored.values(), request.affinity().get()));
    long id = write(request, in, backtested, fitted, scored, mined, timer,
        h -> rescoredMeanwhile.addAll(rescorer.takeSince(h, mark)));
    analyseWrittenTables(mined != null);
    if (request.activate()) {
      active.activated();
    }
    LOG.info("Model run {} ({} customers, {} {}, as of {}, {}) written in {} ms{}", id, customers.size(),
        request.purchaseModel().id(), in.currency().getCurrencyCode(), in.asOf(), mined == null ? "no affinity"
            : mined.report().rules() + " product rules from " + mined.report().baskets() + " baskets",
        timer.elapsedNanos() / 1_000_000, request.activate() ? " and activated" : "");
    return get(id);
  }

  /**
   * What a run reads from the store, all in one snapshot: the summaries to fit (and the split to backtest on,
   * unless the backtest was skipped, and why) and the baskets to mine, so all of them describe the same orders.
   */
  private record Inputs(
      Currency currency,
      RunStore.Extent extent,
      LocalDate asOf,
      Summaries summaries,
      @Nullable CalibrationHoldoutSplit split,
      @Nullable String skipped,
      StoreBasketReader.@Nullable Result baskets) {}

  /** The backtest's report, or why there is none. */
  private record Backtested(@Nullable BacktestReport report, @Nullable String skipped) {}

  private record Fitted(PurchaseModel purchases, GammaGammaModel spend) {}

  private record Scored(List<CustomerValue> values, ReferenceCustomer reference) {}

  private Inputs read(Handle h, ModelRunRequest request, PhaseTimer timer) {
    Currency currency = request.currency().or(() -> runs.mainCurrency(h)).orElseThrow(
        () -> new InsufficientDataException(null, null, 0, 0, 0));
    RunStore.Extent extent = runs.extent(h, currency, request.asOf().orElse(null));
    if (extent.purchases() == 0 || extent.latest() == null || extent.first() == null) {
      throw InvalidInputException.argument(request.asOf().isPresent() ? "asOf" : "currency",
          "leaves no purchases in " + currency.getCurrencyCode() + " to model"
              + request.asOf().map(d -> " up to " + d).orElse(""));
    }
    LocalDate asOf = request.asOf().orElse(LocalDate.ofInstant(extent.latest(), ZoneOffset.UTC));
    CalibrationHoldoutSplit split = null;
    Summaries summaries = null;
    String skipped = "not requested";
    if (request.backtest()) {
      LocalDate first = LocalDate.ofInstant(extent.first(), ZoneOffset.UTC);
      Period holdout = request.holdout().orElseGet(() -> defaultHoldout(first, asOf));
      LocalDate calibrationEnd = asOf.minus(holdout);
      skipped = null;
      if (calibrationEnd.isBefore(first)) {
        skipped = "the holdout of " + holdout + " starts before the first purchase (" + first + ")";
      } else {
        try {
          // One read of the orders gives the split for the backtest and the summaries for the fit.
          StoreSummaries.SplitAndSummaries both = timer.time("summaries", () -> StoreSummaryReader.splitAndSummarize(
              access, h, currency, calibrationEnd, asOf, request.unit()));
          split = both.split();
          summaries = both.summaries();
        } catch (InvalidInputException e) {
          skipped = "the calibration period to " + calibrationEnd + " could not be summarized: " + e.getMessage();
        }
      }
    }
    if (summaries == null) {
      summaries = timer.time("summaries",
          () -> StoreSummaryReader.summarize(access, h, currency, asOf, request.unit()));
    }
    StoreBasketReader.Result baskets = request.affinity().isEmpty() ? null
        : timer.time("affinity", () -> StoreBasketReader.read(access, h, asOf));
    return new Inputs(currency, extent, asOf, summaries, split, skipped, baskets);
  }

  /**
   * Both fits need a customer who bought again for a positive amount (the purchase models learn from repeat
   * purchases, Gamma-Gamma from their amounts): without one, the run stops here, saying what is missing, rather
   * than on a fit's argument check.
   */
  private static void requireRepeatCustomers(Inputs in) {
    List<CustomerRfm> customers = in.summaries().customers();
    long repeaters = customers.stream()
        .filter(c -> c.isRepeater() && c.monetaryValue().signum() > 0)
        .count();
    if (repeaters < InsufficientDataException.MIN_REPEAT_CUSTOMERS) {
      throw new InsufficientDataException(
          in.currency(), in.asOf(), in.extent().purchases(), customers.size(), repeaters);
    }
  }

  private Backtested backtest(CalibrationHoldoutSplit split, PurchaseModelKind kind) {
    LocalDate calibrationEnd = split.calibration().calibrationEnd();
    try {
      return new Backtested(backtest(split, calibrationEnd, split.holdoutEnd(), kind), null);
    } catch (InvalidInputException | ModelFitException e) {
      return new Backtested(null,
          "the calibration period to " + calibrationEnd + " could not be fitted: " + e.getMessage());
    }
  }

  private static Scored score(Fitted fitted, List<CustomerRfm> customers, Currency currency, ModelRunRequest r) {
    CustomerValueModel valueModel = CustomerValueModel.of(fitted.purchases(), fitted.spend(), r.unit(), currency);
    return new Scored(valueModel.values(customers, r.valuation()), ReferenceCustomer.median(customers));
  }

  private long write(ModelRunRequest request, Inputs in, Backtested backtested, Fitted fitted, Scored scored,
      @Nullable Mined mined, PhaseTimer timer, Consumer<Handle> onActivation) {
    PurchaseModelKind kind = request.purchaseModel();
    PurchaseModel purchases = fitted.purchases();
    GammaGammaModel spend = fitted.spend();
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

    String paramsJson = RunDocuments.write(new RunDocuments.Params(
        RunDocuments.Fit.of(purchaseReport), RunDocuments.Fit.of(spendReport), scored.reference()));
    long writeStart = System.nanoTime();
    RunStore.RunRow row = new RunStore.RunRow(
        clock.instant(), in.asOf(), request.unit(), in.currency(), in.summaries().customers().size(),
        Objects.requireNonNull(in.extent().latest(), "checked when read"), in.extent().purchases(), request.valuation(), paramsJson);
    AffinityReport affinityReport = mined == null ? null : mined.report();
    RunStore.SegmentsWrite segments = request.segments()
        .map(p -> new RunStore.SegmentsWrite(p, in.asOf().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
        .orElse(null);
    return rescorer.exclusive(() -> runs.write(row, scored.values(), mined == null ? null : mined.write(), segments,
        request.activate(), runId -> {
      // Inside the writing transaction, after the scores: the write's own time is known now.
      Map<String, Long> all = timer.phases();
      all.put("write", (System.nanoTime() - writeStart) / 1_000_000);
      return new RunStore.RunFinish(Duration.ofNanos(timer.elapsedNanos()), RunDocuments.write(
          new RunDocuments.Metrics(RunDocuments.Backtest.of(backtested.report()), backtested.skipped(), all,
              spendSample, affinityReport)));
    }, onActivation));
  }

  /** What the affinity phase hands to the write: the rows, and the report for the run's metrics. */
  private record Mined(RunStore.AffinityWrite write, AffinityReport report) {}

  /**
   * Mines the baskets for product rules; each product's statistics carry the mean lifetime value of its buyers
   * among this run's values.
   */
  private Mined mineAffinity(StoreBasketReader.Result read, List<CustomerValue> values, AffinityOptions options) {
    Map<String, Double> ltv = new HashMap<>(values.size() * 2);
    double ltvSum = 0;
    for (CustomerValue v : values) {
      ltv.put(v.customerId(), v.value());
      ltvSum += v.value();
    }
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
    return new Mined(new RunStore.AffinityWrite(rules, read.products(ltv)), report);
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

  static PurchaseModel fitPurchases(PurchaseModelKind kind, List<CustomerRfm> customers) {
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

  static GammaGammaModel fitSpend(List<CustomerRfm> customers) {
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
    return runs.find(runId).orElseThrow(() -> RunStore.noRun(runId));
  }

  @Override
  public List<ModelRun> list(int limit) {
    RunStore.checkLimit(limit, MAX_LIST);
    return runs.list(limit);
  }

  @Override
  public ModelRun activate(long runId) {
    if (!rescorer.exclusive(() -> runs.activate(runId, clock.instant()))) {
      throw RunStore.noRun(runId);
    }
    active.activated();
    return get(runId);
  }

  @Override
  public int prune(int keep) {
    if (keep < 1) {
      throw InvalidInputException.argument("keep", "must be 1 or more (was " + keep + ")");
    }
    return rescorer.exclusive(() -> runs.prune(keep));
  }
}

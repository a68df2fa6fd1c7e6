package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.churn.ChurnSummary;
import dev.custintel.analytics.churn.RiskLevel;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.ValueDriver;
import dev.custintel.analytics.clv.ValueDrivers;
import dev.custintel.analytics.clv.backtest.CalibrationBin;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.analytics.ltv.RankedValue;
import dev.custintel.analytics.models.ReferenceFormulas.Gg;
import dev.custintel.analytics.models.ReferenceFormulas.Mbg;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The model runs, churn and LTV clients of the facade on the CDNOW sample, imported once per class and refreshed
 * once (as of 1998-06-30 with the published 39-week holdout). Tests that add runs put the first run back as the
 * active one. On H2 and on PostgreSQL: one instance serves both, every field set anew for each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRunsTest extends OnBothDatabases {
  static final LocalDate AS_OF = LocalDate.of(1998, 6, 30);
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final Currency USD = Currency.getInstance("USD");
  /** Relative agreement of the SDK's scores with {@link ReferenceFormulas}: both are double-precision sums. */
  static final double REL = 1e-9;
  /** A money figure is the stored double rounded half-even to cents: off by at most half a cent. */
  static final double CENT_ROUNDING = 0.005 + 1e-9;
  /** A probability is the stored double rounded half-even to four decimals: off by at most half of 1e-4. */
  static final double PROBABILITY_ROUNDING = 0.00005 + 1e-12;

  private TestDatabase database;
  private CustomerIntelligence ci;
  private ModelRun run;
  private Instant refreshStarted;
  private Instant refreshEnded;
  private NavigableMap<String, CdnowFile.Summary> summaries;
  private Mbg mbg;
  private Gg gg;

  @BeforeParameterizedClassInvocation
  void importAndRefresh() {
    database = newDatabase.get();
    ci = facade("ci_");
    ci.ingestion().importFile(CdnowFile.FILE, ImportFormat.CDNOW, ImportOptions.defaults());
    refreshStarted = Instant.now();
    run = ci.models().refresh(ModelRunRequest.builder().asOf(AS_OF).holdout(Period.ofWeeks(39)).build());
    refreshEnded = Instant.now();
    summaries = CdnowFile.summaries(AS_OF);
    Map<String, Double> p = run.fits().purchaseModel().parameters();
    mbg = new Mbg(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"));
    Map<String, Double> s = run.fits().spendModel().parameters();
    gg = new Gg(s.get("p"), s.get("q"), s.get("gamma"));
  }

  @AfterParameterizedClassInvocation
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private CustomerIntelligence facade(String prefix) {
    return CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).tablePrefix(prefix).maximumPoolSize(4).build();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 1. The run

  @Test
  void refresh_onPostgresql_analysesTheTablesItFilled() {
    if (ci.databaseKind() != dev.custintel.core.store.DatabaseKind.POSTGRESQL) {
      return; // H2 keeps no planner statistics that a run leaves stale
    }
    // Unanalysed, a new run's scores were read with a sequential scan per profile (23.7 ms against 0.14 ms on
    // 100,000 customers); this machine's PostgreSQL runs without autovacuum, so only the run itself analyses them.
    dev.custintel.core.spi.StoreAccess access = dev.custintel.core.spi.StoreAccess.of(ci.store());
    for (String table : List.of("ci_customer_scores", "ci_product_rules", "ci_product_stats")) {
      java.sql.Timestamp analysed = access.read("Reading the statistics' age", h -> h.createQuery(
              "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = :t AND schemaname = current_schema()")
          .bind("t", table).mapTo(java.sql.Timestamp.class).findOne().orElse(null));
      assertThat(analysed).as(table + " analysed").isNotNull();
      assertThat(analysed.toInstant()).as(table).isAfterOrEqualTo(refreshStarted.minusSeconds(1));
    }
  }

  @Test
  void refresh_cdnowAsOfEndWithHoldout39Weeks_describesItsData() {
    List<CdnowFile.Row> rows = CdnowFile.rows();
    long purchaseDays = summaries.values().stream().mapToLong(c -> c.x() + 1L).sum();
    LocalDate latest = rows.stream().map(CdnowFile.Row::day).max(Comparator.naturalOrder()).orElseThrow();

    assertThat(run.data().customers()).isEqualTo(2_357).isEqualTo(summaries.size());
    assertThat(run.data().currency()).isEqualTo(USD);
    assertThat(run.data().unit()).isEqualTo(PeriodUnit.WEEKS);
    assertThat(run.data().asOf()).isEqualTo(AS_OF);
    // Every line of the file is an order, same-day orders included; the summaries merge those days.
    assertThat(run.data().purchases()).isEqualTo(rows.size()).isEqualTo(6_919);
    assertThat(purchaseDays).isLessThan(rows.size());
    assertThat(run.data().latestPurchaseAt()).isEqualTo(latest.atStartOfDay().toInstant(ZoneOffset.UTC))
        .isBefore(AS_OF.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(run.createdAt()).isBetween(refreshStarted.minusMillis(1), refreshEnded.plusMillis(1));
    assertThat(run.active()).isTrue();
    assertThat(run.valuation()).isEqualTo(ValuationOptions.defaults());
    assertThat(run.quality().backtestSkipped()).isNull();
  }

  @Test
  void refresh_cdnow_fitsConvergedWithStandardErrorsAndTimings() {
    for (FitReport fit : List.of(run.fits().purchaseModel(), run.fits().spendModel(), run.quality().backtest().fit())) {
      assertThat(fit.converged()).as(fit.model()).isTrue();
      assertThat(fit.logLikelihood()).as(fit.model()).isFinite().isNegative();
      assertThat(fit.covariance()).as(fit.model()).isNotNull();
      assertThat(fit.standardErrors().keySet()).as(fit.model()).containsExactlyElementsOf(fit.parameters().keySet());
      int i = 0;
      for (Map.Entry<String, Double> e : fit.parameters().entrySet()) {
        // se(θ) = θ · sd(ln θ), the delta method the FitReport states.
        double se = e.getValue() * Math.sqrt(fit.covariance().logCovariance(i, i));
        assertThat(fit.standardErrors().get(e.getKey())).as(fit.model() + " se " + e.getKey())
            .isPositive().isCloseTo(se, within(1e-12 * se));
        i++;
      }
    }
    assertThat(run.fits().purchaseModel().model()).isEqualTo("mbgnbd");
    assertThat(run.fits().purchaseModel().parameters().keySet()).containsExactly("r", "alpha", "a", "b");
    assertThat(run.fits().spendModel().model()).isEqualTo("gammaGamma");
    assertThat(run.fits().spendModel().parameters().keySet()).containsExactly("p", "q", "gamma");
    assertThat(run.timing().phases()).containsKeys("backtest", "summaries", "fit", "score");
    Duration phases = run.timing().phases().values().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(run.timing().phases().values()).allSatisfy(d -> assertThat(d.isNegative()).isFalse());
    // The phases are sequential parts of the run, each truncated to milliseconds as the total is.
    assertThat(run.timing().total()).isPositive().isGreaterThanOrEqualTo(phases);
  }

  @Test
  void refresh_cdnowHoldout39Weeks_backtestMatchesPublishedCdnowFacts() {
    BacktestReport b = run.quality().backtest();
    assertThat(b).isNotNull();
    assertThat(b.calibrationEnd()).isEqualTo(CALIBRATION_END);
    assertThat(b.holdoutEnd()).isEqualTo(AS_OF);
    assertThat(b.holdoutPeriods()).isEqualTo(39.0); // 273 days
    assertThat(b.customers()).isEqualTo(2_357);
    // Published (Fader, Hardie & Lee 2005): 2,457 repeat transactions by week 39, 4,339 by week 78.
    assertThat(b.actualRepeatPurchases()).isEqualTo(4_339 - 2_457).isEqualTo(1_882);
    assertThat(b.tracking()).hasSize(78);
    assertThat(b.tracking().get(38).actual()).isEqualTo(2_457);
    assertThat(b.tracking().get(38).inHoldout()).isFalse();
    assertThat(b.tracking().get(39).inHoldout()).isTrue();
    assertThat(b.tracking().get(77).actual()).isEqualTo(4_339);
    assertThat(b.churnAuc()).isNotNull().isStrictlyBetween(0.6, 0.8);
    assertThat(b.aliveCalibration()).hasSize(10);
    assertThat(b.aliveCalibration().stream().mapToInt(CalibrationBin::customers).sum()).isEqualTo(2_357);
    // Reference MBG/NBD fit on CDNOW (weeks, calibration to 1997-09-30), lifetimes' tests: r 0.525, α 6.183,
    // a 0.891, b 1.614, published to 3 decimals; 1e-3 relative covers that rounding.
    Map<String, Double> p = b.fit().parameters();
    assertThat(b.fit().model()).isEqualTo("mbgnbd");
    assertThat(p.get("r")).isCloseTo(0.525, within(0.525e-3));
    assertThat(p.get("alpha")).isCloseTo(6.183, within(6.183e-3));
    assertThat(p.get("a")).isCloseTo(0.891, within(0.891e-3));
    assertThat(p.get("b")).isCloseTo(1.614, within(1.614e-3));
  }

  @Test
  void refresh_cdnowHoldout_predictionsErrorsAndAucMatchAnIndependentBacktest() {
    BacktestReport b = run.quality().backtest();
    Map<String, Double> p = b.fit().parameters();
    Mbg fit = new Mbg(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"));
    NavigableMap<String, CdnowFile.Summary> calibration = CdnowFile.summaries(CALIBRATION_END);
    NavigableMap<String, NavigableMap<LocalDate, BigDecimal>> days = CdnowFile.days(AS_OF);
    double predicted = 0;
    double absolute = 0;
    double squared = 0;
    int n = calibration.size();
    double[] churnRisk = new double[n];
    boolean[] noHoldoutPurchase = new boolean[n];
    int i = 0;
    for (CdnowFile.Summary c : calibration.values()) {
      double e = ReferenceFormulas.conditionalExpectedPurchases(fit, c.x(), c.tx(), c.age(), 39.0);
      int actual = days.get(c.customerId()).tailMap(CALIBRATION_END, false).size();
      predicted += e;
      absolute += Math.abs(actual - e);
      squared += (actual - e) * (actual - e);
      churnRisk[i] = 1 - ReferenceFormulas.probabilityAlive(fit, c.x(), c.tx(), c.age());
      noHoldoutPurchase[i] = actual == 0;
      i++;
    }
    assertThat(b.predictedRepeatPurchases()).isCloseTo(predicted, within(REL * predicted));
    // Tracking at the calibration end (week 39) and the holdout end (week 78): Σ E[X(T_i)] of freshly acquired
    // customers, T_i measured from the first purchase day to the period's last day, as a customer's age is.
    double atCalibrationEnd = 0;
    double atHoldoutEnd = 0;
    for (CdnowFile.Summary c : calibration.values()) {
      atCalibrationEnd += ReferenceFormulas.expectedPurchases(fit, c.age());
      atHoldoutEnd += ReferenceFormulas.expectedPurchases(fit, summaries.get(c.customerId()).age());
    }
    assertThat(b.tracking().get(38).predicted()).isCloseTo(atCalibrationEnd, within(REL * atCalibrationEnd));
    assertThat(b.tracking().get(77).predicted()).isCloseTo(atHoldoutEnd, within(REL * atHoldoutEnd));
    assertThat(b.meanAbsoluteError()).isCloseTo(absolute / n, within(1e-9));
    assertThat(b.rootMeanSquaredError()).isCloseTo(Math.sqrt(squared / n), within(1e-9));
    // AUC by its definition, P(risk of a random non-buyer > risk of a random buyer), ties counted one half.
    assertThat(b.churnAuc()).isCloseTo(pairwiseAuc(churnRisk, noHoldoutPurchase), within(1e-9));
  }

  @Test
  void get_afterRefresh_isTheReturnedRunAndTheActiveOne() {
    assertThat(ci.models().get(run.id())).usingRecursiveComparison().isEqualTo(run);
    assertThat(ci.models().active()).get().usingRecursiveComparison().isEqualTo(run);
    assertThat(ci.models().list(1_000)).filteredOn(r -> r.id() == run.id()).singleElement()
        .usingRecursiveComparison().isEqualTo(run);
    assertThatThrownBy(() -> ci.models().get(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void get_sameRunReadTwice_isEqualAsARecord() {
    assertThat(ci.models().get(run.id()).fits().purchaseModel().covariance())
        .isEqualTo(ci.models().get(run.id()).fits().purchaseModel().covariance());
    assertThat(ci.models().get(run.id()).fits().purchaseModel()).isEqualTo(run.fits().purchaseModel());
    assertThat(ci.models().get(run.id())).isEqualTo(ci.models().get(run.id()));
  }

  @Test
  void refresh_storedDocuments_keepEveryNumberOfTheFitsExactly() {
    // The same fits in memory, on the same summaries: the JSON documents must give back the very same doubles.
    CdnowFits.Fits fits = CdnowFits.get();
    assertSameFit(run.quality().backtest().fit(), fits.calibration());
    assertSameFit(run.fits().purchaseModel(), fits.purchases());
    assertSameFit(run.fits().spendModel(), fits.spend());
    assertThat(run.fits().reference()).isEqualTo(fits.reference());
  }

  private static void assertSameFit(FitReport stored, CdnowFits.Fit memory) {
    assertThat(List.copyOf(stored.parameters().values())).isEqualTo(memory.parameters());
    assertThat(stored.logLikelihood()).isEqualTo(memory.logLikelihood());
    assertThat(stored.iterations()).isEqualTo(memory.iterations());
    assertThat(stored.gradientNorm()).isEqualTo(memory.gradientNorm());
    assertThat(stored.distinctSummaries()).isEqualTo(memory.distinctSummaries());
    assertThat(stored.covariance().names()).isEqualTo(memory.covariance().names());
    assertThat(stored.covariance().logCovarianceMatrix()).isDeepEqualTo(memory.covariance().logCovarianceMatrix());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. Scores against an independent recomputation

  @Test
  void scores_everyCustomer_matchTheClosedFormsAtTheRunsParameters() throws SQLException {
    Map<String, double[]> rows = scoreRows("ci_", run.id());
    assertThat(rows.keySet()).isEqualTo(summaries.keySet());
    SoftAssertions soft = new SoftAssertions();
    for (CdnowFile.Summary c : summaries.values()) {
      double[] s = rows.get(c.customerId());
      String id = "customer " + c.customerId();
      Expected e = expected(c, 12);
      soft.assertThat((int) s[0]).as(id + " x").isEqualTo(c.x());
      soft.assertThat(s[1]).as(id + " t_x").isCloseTo(c.tx(), within(1e-12));
      soft.assertThat(s[2]).as(id + " T").isCloseTo(c.age(), within(1e-12));
      soft.assertThat(s[3]).as(id + " monetary").isCloseTo(c.monetary(), within(1e-9));
      soft.assertThat(s[4]).as(id + " P(alive)").isCloseTo(e.alive(), within(REL * e.alive() + 1e-15));
      soft.assertThat(s[5]).as(id + " E[purchases]").isCloseTo(e.purchases(), within(REL * e.purchases()));
      soft.assertThat(s[6]).as(id + " E[spend]").isCloseTo(e.spend(), within(REL * e.spend()));
      soft.assertThat(s[7]).as(id + " ltv").isCloseTo(e.value(), within(REL * e.value() + 1e-12));
      soft.assertThat(s[8]).as(id + " ltv low").isLessThanOrEqualTo(s[7]);
      soft.assertThat(s[9]).as(id + " ltv high").isGreaterThanOrEqualTo(s[7]);
      soft.assertThat(s[10]).as(id + " value at risk")
          .isCloseTo(e.valueAtRisk(), within(REL * e.valueIfAlive() + 1e-12));
    }
    soft.assertAll();
  }

  @Test
  void churnLtvAndProfile_handfulOfCustomers_agreeWithTheRecomputation() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : handful()) {
      CdnowFile.Summary c = summaries.get(id);
      Expected e = expected(c, 12);
      ChurnRisk risk = ci.churn().risk(id);
      soft.assertThat(risk.customerId()).isEqualTo(id);
      soft.assertThat(risk.runId()).as(id).isEqualTo(run.id());
      soft.assertThat(risk.asOf()).as(id).isEqualTo(AS_OF);
      soft.assertThat(risk.probabilityAlive()).as(id)
          .isCloseTo(e.alive(), within(REL * e.alive() + PROBABILITY_ROUNDING));
      soft.assertThat(risk.churnRisk()).as(id).isCloseTo(1 - e.alive(), within(PROBABILITY_ROUNDING));
      soft.assertThat(risk.level()).as(id).isEqualTo(RiskLevel.of(1 - e.alive()));
      soft.assertThat(risk.repeatPurchases()).as(id).isEqualTo(c.x());
      soft.assertThat(risk.daysSinceLastPurchaseAtRun()).as(id).isEqualTo(ChronoUnit.DAYS.between(c.lastDay(), AS_OF));
      assertMoney(soft, risk.valueAtRisk(), e.valueAtRisk(), id + " value at risk");
      assertMoney(soft, risk.lifetimeValue(), e.value(), id + " churn ltv");

      LtvPrediction ltv = ci.ltv().predict(id);
      soft.assertThat(ltv.runId()).as(id).isEqualTo(run.id());
      soft.assertThat(ltv.asOf()).as(id).isEqualTo(AS_OF);
      soft.assertThat(ltv.horizon()).as(id).isEqualTo(Horizon.months(12));
      soft.assertThat(ltv.intervalLevel()).as(id).isEqualTo(0.9);
      soft.assertThat(ltv.probabilityAlive()).as(id).isEqualTo(risk.probabilityAlive());
      soft.assertThat(ltv.expectedPurchases()).as(id).isCloseTo(e.purchases(), within(REL * e.purchases()));
      assertMoney(soft, ltv.value(), e.value(), id + " ltv");
      assertMoney(soft, ltv.expectedSpendPerPurchase(), e.spend(), id + " spend per purchase");
      soft.assertThat(ltv.value()).as(id).isEqualTo(risk.lifetimeValue());
      soft.assertThat(ltv.low().amount()).as(id).isLessThanOrEqualTo(ltv.value().amount());
      soft.assertThat(ltv.high().amount()).as(id).isGreaterThanOrEqualTo(ltv.value().amount());

      CustomerScores scores = ci.customers().profile(id).scores();
      soft.assertThat(scores).as(id + " profile scores").isNotNull();
      if (scores != null) {
        soft.assertThat(scores.runId()).as(id).isEqualTo(run.id());
        soft.assertThat(scores.scoredAsOf()).as(id).isEqualTo(AS_OF);
        soft.assertThat(scores.probabilityAlive()).as(id).isEqualTo(risk.probabilityAlive());
        soft.assertThat(scores.churnRisk()).as(id).isCloseTo(1 - e.alive(), within(PROBABILITY_ROUNDING));
        soft.assertThat(scores.expectedPurchases()).as(id).isEqualTo(ltv.expectedPurchases());
        soft.assertThat(scores.lifetimeValue()).as(id).isEqualTo(ltv.value());
        soft.assertThat(scores.lifetimeValueLow()).as(id).isEqualTo(ltv.low());
        soft.assertThat(scores.lifetimeValueHigh()).as(id).isEqualTo(ltv.high());
        soft.assertThat(scores.horizonMonths()).as(id).isEqualTo(12.0);
        soft.assertThat(scores.intervalLevel()).as(id).isEqualTo(0.9);
      }
    }
    soft.assertAll();
  }

  @Test
  void probabilities_everyReader_roundedToFourDecimalsOfTheStoredScore() throws SQLException {
    Map<String, double[]> rows = scoreRows("ci_", run.id());
    SoftAssertions soft = new SoftAssertions();
    List<AtRiskCustomer> all = ci.churn().atRisk(10_000);
    assertThat(all).hasSize(rows.size());
    for (AtRiskCustomer c : all) {
      double alive = rows.get(c.customerId())[4];
      soft.assertThat(c.churnRisk()).as(c.customerId()).isEqualTo(fourDecimals(1 - alive));
    }
    for (RankedValue v : ci.ltv().top(50)) {
      soft.assertThat(v.probabilityAlive()).as(v.customerId()).isEqualTo(fourDecimals(rows.get(v.customerId())[4]));
    }
    for (String id : handful()) {
      double alive = rows.get(id)[4];
      ChurnRisk risk = ci.churn().risk(id);
      soft.assertThat(risk.churnRisk()).as(id).isEqualTo(fourDecimals(1 - alive));
      soft.assertThat(risk.probabilityAlive()).as(id).isEqualTo(fourDecimals(alive));
      // The level is the unrounded risk's, as the summary's counts are.
      soft.assertThat(risk.level()).as(id).isEqualTo(RiskLevel.of(1 - alive));
      soft.assertThat(ci.ltv().predict(id).probabilityAlive()).as(id).isEqualTo(fourDecimals(alive));
      CustomerScores scores = ci.customers().profile(id).scores();
      soft.assertThat(scores).as(id).isNotNull();
      if (scores != null) {
        soft.assertThat(scores.probabilityAlive()).as(id).isEqualTo(fourDecimals(alive));
        soft.assertThat(scores.churnRisk()).as(id).isEqualTo(fourDecimals(1 - alive));
      }
    }
    double mean = rows.values().stream().mapToDouble(r -> 1 - r[4]).average().orElseThrow();
    soft.assertThat(ci.churn().summary().meanChurnRisk()).isEqualTo(fourDecimals(mean));
    soft.assertAll();
  }

  /** Independent of the SDK's helper: the decimal string of the value, rounded half-even to 4 places. */
  private static double fourDecimals(double p) {
    return new BigDecimal(Double.toString(p)).setScale(4, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  @Test
  void readers_unknownOrBlankCustomer_notFoundOrInvalid() {
    assertThatThrownBy(() -> ci.churn().risk("99999")).isInstanceOfSatisfying(NotFoundException.class,
        e -> assertThat(e.id()).isEqualTo("99999"))
        .hasMessage("The active model run " + run.id() + " (as of 1998-06-30) has no score for customer '99999':"
            + " a run scores the customers with a purchase in USD up to its as-of day. Check the id; a customer who"
            + " first bought after that day, or only in another currency, is scored by a later run"
            + " (ci.models().refresh()).");
    assertThatThrownBy(() -> ci.ltv().predict("99999")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ci.ltv().predict("99999", Horizon.months(3))).isInstanceOf(NotFoundException.class);
    assertInvalid(() -> ci.churn().risk(" "), "customerId");
    assertNullArgument(() -> ci.ltv().predict(null), "customerId");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 3. Churn summary and the at-risk list

  @Test
  void summary_cdnow_countsAndTotalsMatchEveryCustomersRisk() throws SQLException {
    ChurnSummary s = ci.churn().summary();
    List<AtRiskCustomer> all = ci.churn().atRisk(10_000);
    // Levels and bands count the exact risk; the list shows it rounded to four decimals.
    Map<String, double[]> rows = scoreRows("ci_", run.id());

    assertThat(s.runId()).isEqualTo(run.id());
    assertThat(s.asOf()).isEqualTo(AS_OF);
    assertThat(s.customers()).isEqualTo(2_357);
    assertThat(all).hasSize(2_357);
    assertThat(s.low() + s.medium() + s.high()).isEqualTo(s.customers());
    Map<RiskLevel, Long> levels = all.stream()
        .collect(Collectors.groupingBy(c -> RiskLevel.of(1 - rows.get(c.customerId())[4]), Collectors.counting()));
    assertThat(s.low()).isEqualTo(levels.getOrDefault(RiskLevel.LOW, 0L));
    assertThat(s.medium()).isEqualTo(levels.getOrDefault(RiskLevel.MEDIUM, 0L));
    assertThat(s.high()).isEqualTo(levels.getOrDefault(RiskLevel.HIGH, 0L));

    assertThat(s.distribution()).hasSize(10);
    long[] bands = new long[10];
    double[] bandRisk = new double[10];
    for (AtRiskCustomer c : all) {
      int band = Math.min((int) Math.floor((1 - rows.get(c.customerId())[4]) * 10), 9);
      bands[band]++;
      bandRisk[band] += c.valueAtRisk().amount().doubleValue();
    }
    for (int b = 0; b < 10; b++) {
      ChurnSummary.RiskBand band = s.distribution().get(b);
      assertThat(band.from()).isEqualTo(b / 10.0);
      assertThat(band.to()).isEqualTo((b + 1) / 10.0);
      assertThat(band.customers()).as("band " + b).isEqualTo(bands[b]);
      // The band's sum of exact values against the sum of rounded ones: half a cent per customer at most.
      assertThat(band.valueAtRisk().amount().doubleValue()).as("band " + b)
          .isCloseTo(bandRisk[b], within(CENT_ROUNDING * (bands[b] + 1)));
    }
    assertThat(s.distribution().stream().mapToLong(ChurnSummary.RiskBand::customers).sum()).isEqualTo(2_357);

    double alive = 0;
    double ltv = 0;
    double atRisk = 0;
    for (CdnowFile.Summary c : summaries.values()) {
      Expected e = expected(c, 12);
      alive += e.alive();
      ltv += e.value();
      atRisk += e.valueAtRisk();
    }
    assertThat(s.expectedActiveCustomers()).isCloseTo(alive, within(REL * alive));
    assertThat(s.expectedActiveCustomers())
        .isCloseTo(all.stream().mapToDouble(c -> 1 - c.churnRisk()).sum(), within(PROBABILITY_ROUNDING * all.size()));
    assertThat(s.meanChurnRisk())
        .isCloseTo(1 - s.expectedActiveCustomers() / s.customers(), within(PROBABILITY_ROUNDING));
    assertThat(s.totalLifetimeValue().amount().doubleValue()).isCloseTo(ltv, within(REL * ltv + CENT_ROUNDING));
    assertThat(s.totalValueAtRisk().amount().doubleValue()).isCloseTo(atRisk, within(REL * atRisk + CENT_ROUNDING));
    assertThat(s.totalValueAtRisk().currency()).isEqualTo(USD);
  }

  @Test
  void atRisk_cdnow_sortedByValueAtRiskThenIdAndFilteredByRisk() throws SQLException {
    List<AtRiskCustomer> all = ci.churn().atRisk(10_000);
    // The list is filtered and ranked on the exact risk; it shows the risk rounded to four decimals.
    Map<String, double[]> rows = scoreRows("ci_", run.id());
    assertThat(all).extracting(c -> c.valueAtRisk().amount())
        .isSortedAccordingTo(Comparator.<BigDecimal>reverseOrder());
    // Customers without repeat purchases and the same risk have the same T, so exactly the same value at risk:
    // those ties must come by customer id.
    int ties = 0;
    for (int i = 1; i < all.size(); i++) {
      AtRiskCustomer a = all.get(i - 1);
      AtRiskCustomer b = all.get(i);
      if (a.repeatPurchases() == 0 && b.repeatPurchases() == 0
          && rows.get(a.customerId())[4] == rows.get(b.customerId())[4]) {
        ties++;
        assertThat(a.customerId()).as("tie at " + i).isLessThan(b.customerId());
      }
    }
    assertThat(ties).isGreaterThan(100);
    assertThat(ci.churn().atRisk(10)).usingRecursiveComparison().isEqualTo(all.subList(0, 10));
    assertThat(ci.churn().atRisk(25, 0.0)).usingRecursiveComparison().isEqualTo(all.subList(0, 25));

    List<AtRiskCustomer> high = ci.churn().atRisk(10_000, 0.8);
    assertThat(high).allSatisfy(c -> assertThat(c.churnRisk()).isGreaterThanOrEqualTo(0.8))
        .hasSize((int) ci.churn().summary().high());
    assertThat(high).usingRecursiveComparison()
        .isEqualTo(all.stream().filter(c -> 1 - rows.get(c.customerId())[4] >= 0.8).toList());
    List<AtRiskCustomer> medium = ci.churn().atRisk(10_000, 0.5);
    assertThat(medium).hasSize((int) (ci.churn().summary().high() + ci.churn().summary().medium()));

    SoftAssertions soft = new SoftAssertions();
    Map<String, AtRiskCustomer> byId = all.stream().collect(Collectors.toMap(AtRiskCustomer::customerId, c -> c));
    for (String id : handful()) {
      CdnowFile.Summary c = summaries.get(id);
      Expected e = expected(c, 12);
      AtRiskCustomer a = byId.get(id);
      soft.assertThat(a.churnRisk()).as(id).isCloseTo(1 - e.alive(), within(PROBABILITY_ROUNDING));
      soft.assertThat(a.repeatPurchases()).as(id).isEqualTo(c.x());
      soft.assertThat(a.daysSinceLastPurchaseAtRun()).as(id).isEqualTo(ChronoUnit.DAYS.between(c.lastDay(), AS_OF));
      assertMoney(soft, a.valueAtRisk(), e.valueAtRisk(), id + " value at risk");
      assertMoney(soft, a.valueIfActive(), e.valueIfAlive(), id + " value if active");
    }
    soft.assertAll();
  }

  @Test
  void atRisk_outOfRangeArguments_areNamed() {
    assertInvalid(() -> ci.churn().atRisk(0), "limit");
    assertInvalid(() -> ci.churn().atRisk(10_001), "limit");
    assertInvalid(() -> ci.churn().atRisk(10, -0.1), "minimumChurnRisk");
    assertInvalid(() -> ci.churn().atRisk(10, 1.1), "minimumChurnRisk");
    assertInvalid(() -> ci.churn().atRisk(10, Double.NaN), "minimumChurnRisk");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 4. Lifetime value

  @Test
  void predict_otherHorizons_recomputedFromTheRunsModels() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : handful()) {
      CdnowFile.Summary c = summaries.get(id);
      LtvPrediction stored = ci.ltv().predict(id);
      LtvPrediction twelve = ci.ltv().predict(id, Horizon.months(12));
      soft.assertThat(twelve.value()).as(id).isEqualTo(stored.value());
      soft.assertThat(twelve.low()).as(id).isEqualTo(stored.low());
      soft.assertThat(twelve.high()).as(id).isEqualTo(stored.high());
      soft.assertThat(twelve.expectedPurchases()).as(id)
          .isCloseTo(stored.expectedPurchases(), within(1e-12 * stored.expectedPurchases()));

      LtvPrediction two = ci.ltv().predict(id, Horizon.months(24));
      Expected e24 = expected(c, 24);
      soft.assertThat(two.horizon()).as(id).isEqualTo(Horizon.months(24));
      soft.assertThat(two.runId()).as(id).isEqualTo(run.id());
      assertMoney(soft, two.value(), e24.value(), id + " 24-month ltv");
      soft.assertThat(two.expectedPurchases()).as(id).isCloseTo(e24.purchases(), within(REL * e24.purchases()));
      soft.assertThat(two.value().amount()).as(id + " 24 months above 12").isGreaterThan(stored.value().amount());
      soft.assertThat(two.low().amount()).as(id).isLessThanOrEqualTo(two.value().amount());
      soft.assertThat(two.high().amount()).as(id).isGreaterThanOrEqualTo(two.value().amount());

      // 45 days: one whole month, then a partial one of 45 / (365.25 / 12) − 1 months, discounted at its end.
      LtvPrediction partial = ci.ltv().predict(id, Horizon.days(45));
      double expected = ReferenceFormulas.value(mbg, gg, c.x(), c.tx(), c.age(), c.monetary(),
          45 / ReferenceFormulas.DAYS_PER_MONTH, 0.01);
      assertMoney(soft, partial.value(), expected, id + " 45-day ltv");
      soft.assertThat(partial.horizon()).as(id).isEqualTo(Horizon.days(45));
    }
    soft.assertAll();
    assertNullArgument(() -> ci.ltv().predict(handful().get(0), null), "horizon");
  }

  @Test
  void predict_drivers_addUpToTheDifferenceFromTheMedianCustomer() {
    SoftAssertions soft = new SoftAssertions();
    for (String id : handful()) {
      for (LtvPrediction p : List.of(ci.ltv().predict(id), ci.ltv().predict(id, Horizon.months(24)))) {
        ValueDrivers d = p.drivers();
        double sum = d.drivers().stream().mapToDouble(ValueDriver::effect).sum();
        soft.assertThat(sum).as(id).isCloseTo(d.value() - d.referenceValue(), within(1e-9 * (1 + d.value())));
        soft.assertThat(d.value()).as(id).isCloseTo(p.value().amount().doubleValue(), within(CENT_ROUNDING));
        soft.assertThat(d.reference()).as(id).isEqualTo(run.fits().reference());
        soft.assertThat(d.drivers()).as(id).extracting(ValueDriver::factor)
            .containsExactlyInAnyOrder(ValueDriver.Factor.values());
        soft.assertThat(d.drivers()).as(id)
            .isSortedAccordingTo(Comparator.comparingDouble((ValueDriver v) -> -Math.abs(v.effect())));
      }
    }
    soft.assertAll();
    // The reference customer's value, recomputed: recency 0 for x = 0, spend is the population mean then.
    ValueDrivers d = ci.ltv().predict(handful().get(0)).drivers();
    var ref = run.fits().reference();
    double tx = ref.frequency() == 0 ? 0 : ref.age() - ref.timeSinceLastPurchase();
    double expectedRef = ReferenceFormulas.value(mbg, gg, ref.frequency(), tx, ref.age(), ref.meanSpend(), 12, 0.01);
    assertThat(d.referenceValue()).isCloseTo(expectedRef, within(REL * expectedRef));
  }

  @Test
  void top_cdnow_sortedByValueAndHeadedByTheMostValuableCustomer() throws SQLException {
    List<RankedValue> top = ci.ltv().top(10_000);
    assertThat(top).hasSize(2_357);
    assertThat(top).extracting(r -> r.value().amount()).isSortedAccordingTo(Comparator.<BigDecimal>reverseOrder());
    List<Map.Entry<String, Double>> byValue = summaries.values().stream()
        .map(c -> Map.entry(c.customerId(), expected(c, 12).value()))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .toList();
    // The recomputed ranking's first ten are well apart (more than the 1e-9 relative agreement), so they match.
    assertThat(ci.ltv().top(10)).extracting(RankedValue::customerId)
        .containsExactlyElementsOf(byValue.subList(0, 10).stream().map(Map.Entry::getKey).toList());
    RankedValue first = ci.ltv().top(1).get(0);
    assertThat(first.customerId()).isEqualTo(byValue.get(0).getKey());
    double max;
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT MAX(ltv) FROM ci_customer_scores WHERE run_id = " + run.id())) {
      rs.next();
      max = rs.getDouble(1);
    }
    assertThat(first.value().amount().doubleValue()).isCloseTo(max, within(CENT_ROUNDING));
    assertThat(first.value()).isEqualTo(ci.ltv().predict(first.customerId()).value());
    assertThat(first.probabilityAlive()).isEqualTo(ci.churn().risk(first.customerId()).probabilityAlive());
    assertThat(first.low().amount()).isLessThanOrEqualTo(first.value().amount());
    assertThat(first.high().amount()).isGreaterThanOrEqualTo(first.value().amount());
    assertInvalid(() -> ci.ltv().top(0), "limit");
    assertInvalid(() -> ci.ltv().top(10_001), "limit");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 5. Versions: activate, roll back, prune

  @Test
  void activate_secondRunThenFirst_switchesEveryReaderAndCachedProfiles() throws SQLException {
    String id = "00004";
    try {
      CustomerProfile before = ci.customers().profile(id);
      assertThat(ci.customers().profile(id)).as("cached").isSameAs(before);
      assertThat(before.scores().runId()).isEqualTo(run.id());

      // Second run, as of three months earlier, not activated; its 80-week holdout starts before the first order.
      ModelRun second = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 3, 31))
          .holdout(Period.ofWeeks(80)).activate(false).build());
      assertThat(second.id()).isGreaterThan(run.id());
      assertThat(second.active()).isFalse();
      assertThat(second.data().asOf()).isEqualTo(LocalDate.of(1998, 3, 31));
      assertThat(second.quality().backtest()).isNull();
      assertThat(second.quality().backtestSkipped()).contains("before the first purchase").contains("1997-01-01");
      assertThat(second.data().purchases())
          .isEqualTo(CdnowFile.rows().stream().filter(r -> !r.day().isAfter(LocalDate.of(1998, 3, 31))).count());
      assertThat(ci.models().active()).get().extracting(ModelRun::id).isEqualTo(run.id());
      assertThat(ci.churn().risk(id).runId()).isEqualTo(run.id());
      assertThat(ci.ltv().predict(id).runId()).isEqualTo(run.id());
      assertThat(ci.churn().summary().runId()).isEqualTo(run.id());
      assertThat(ci.customers().profile(id).scores().runId()).isEqualTo(run.id());

      ModelRun activated = ci.models().activate(second.id());
      assertThat(activated.id()).isEqualTo(second.id());
      assertThat(activated.active()).isTrue();
      assertThat(ci.models().get(run.id()).active()).isFalse();
      assertThat(ci.models().active()).get().extracting(ModelRun::id).isEqualTo(second.id());
      ChurnRisk risk = ci.churn().risk(id);
      assertThat(risk.runId()).isEqualTo(second.id());
      assertThat(risk.asOf()).isEqualTo(LocalDate.of(1998, 3, 31));
      CdnowFile.Summary early = CdnowFile.summaries(LocalDate.of(1998, 3, 31)).get(id);
      assertThat(risk.repeatPurchases()).isEqualTo(early.x());
      assertThat(ci.ltv().predict(id).runId()).isEqualTo(second.id());
      assertThat(ci.churn().summary().runId()).isEqualTo(second.id());
      CustomerScores switched = ci.customers().profile(id).scores();
      assertThat(switched.runId()).as("profile cached before the activation").isEqualTo(second.id());
      assertThat(switched.scoredAsOf()).isEqualTo(LocalDate.of(1998, 3, 31));
      assertThat(switched.probabilityAlive()).isEqualTo(risk.probabilityAlive());
      assertThat(switched.probabilityAlive()).isNotEqualTo(before.scores().probabilityAlive());
      assertThat(ci.models().list(10)).filteredOn(ModelRun::active).extracting(ModelRun::id)
          .containsExactly(second.id());

      ModelRun back = ci.models().activate(run.id());
      assertThat(back.active()).isTrue();
      assertThat(ci.churn().risk(id).runId()).isEqualTo(run.id());
      assertThat(ci.customers().profile(id).scores()).usingRecursiveComparison().isEqualTo(before.scores());
      assertThat(ci.models().get(second.id()).active()).isFalse();

      assertThatThrownBy(() -> ci.models().activate(987_654_321L)).isInstanceOfSatisfying(NotFoundException.class,
          e -> assertThat(e.id()).isEqualTo("987654321"))
          .hasMessage("No model run with id '987654321'. ci.models().list(limit) lists the runs there are"
              + " (CLI: custintel models list); ci.models().prune(keep) deletes all but the newest runs and the"
              + " active one.");
      assertThat(ci.models().active()).get().extracting(ModelRun::id).isEqualTo(run.id());

      // A refresh that activates also replaces profiles cached before it.
      assertThat(ci.customers().profile(id).scores().runId()).isEqualTo(run.id());
      ModelRun third = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 5, 31))
          .backtest(false).build());
      assertThat(third.active()).isTrue();
      assertThat(ci.customers().profile(id).scores().runId()).isEqualTo(third.id());
      assertThat(ci.customers().profile(id).scores().scoredAsOf()).isEqualTo(LocalDate.of(1998, 5, 31));
    } finally {
      ci.models().activate(run.id());
    }
  }

  @Test
  void prune_keepOne_deletesAllButTheNewestAndTheActiveWithTheirScores() throws SQLException {
    try {
      ModelRun extra = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 12, 31))
          .backtest(false).activate(false).build());
      ModelRun newest = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 1, 31))
          .backtest(false).activate(false).build());
      assertThat(newest.quality().backtestSkipped()).isEqualTo("not requested");
      List<ModelRun> runs = ci.models().list(1_000);
      assertThat(runs).extracting(ModelRun::id).isSortedAccordingTo(Comparator.reverseOrder())
          .contains(run.id(), extra.id(), newest.id()).startsWith(newest.id());
      assertThat(runs).filteredOn(ModelRun::active).extracting(ModelRun::id).containsExactly(run.id());
      assertThat(ci.models().list(2)).extracting(ModelRun::id).containsExactly(runs.get(0).id(), runs.get(1).id());
      Map<Long, Long> scoresBefore = scoreCounts("ci_");
      assertThat(scoresBefore.get(extra.id())).isEqualTo(2_357L);

      int deleted = ci.models().prune(1);

      assertThat(deleted).isEqualTo(runs.size() - 2);
      assertThat(ci.models().list(1_000)).extracting(ModelRun::id).containsExactly(newest.id(), run.id());
      assertThat(scoreCounts("ci_")).containsOnlyKeys(newest.id(), run.id())
          .containsEntry(run.id(), 2_357L).containsEntry(newest.id(), 2_357L);
      assertThatThrownBy(() -> ci.models().get(extra.id())).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> ci.models().activate(extra.id())).isInstanceOf(NotFoundException.class);
      assertThat(ci.churn().risk("00004").runId()).isEqualTo(run.id());
      assertThat(ci.models().prune(1)).isZero();
      assertThat(ci.models().prune(5)).isZero();
      assertInvalid(() -> ci.models().prune(0), "keep");
      assertInvalid(() -> ci.models().list(0), "limit");
      assertInvalid(() -> ci.models().list(1_001), "limit");
    } finally {
      ci.models().activate(run.id());
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 7. Atomicity under concurrency

  private record Seen(long runId, String customerId, double probabilityAlive, boolean duringRefresh) {}

  @Test
  void refresh_whileReadersRead_readersSeeTheOldOrTheNewRunWhole() throws Exception {
    List<String> ids = new ArrayList<>(summaries.keySet()).subList(0, 40);
    Map<String, double[]> old = scoreRows("ci_", run.id());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean refreshing = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    ModelRun next = null;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        futures.add(readers.submit(() -> {
          for (int i = offset; !stop.get(); i++) {
            String id = ids.get(i % ids.size());
            boolean before = refreshing.get();
            try {
              ChurnRisk r = ci.churn().risk(id);
              seen.add(new Seen(r.runId(), id, r.probabilityAlive(), before && refreshing.get()));
            } catch (Throwable e) {
              errors.add(e);
            }
            reads.incrementAndGet();
          }
        }));
      }
      awaitReads(reads, 20);
      refreshing.set(true);
      next = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 3, 31)).backtest(false).build());
      refreshing.set(false);
      long after = reads.get();
      awaitReads(reads, after + 40);
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      readers.shutdownNow();
      readers.awaitTermination(30, TimeUnit.SECONDS);
      ci.models().activate(run.id());
    }

    assertThat(errors).isEmpty();
    Map<String, double[]> fresh = scoreRows("ci_", next.id());
    long newId = next.id();
    assertThat(seen).extracting(Seen::runId).containsOnly(run.id(), newId).contains(run.id(), newId);
    assertThat(seen).filteredOn(Seen::duringRefresh).isNotEmpty();
    for (Seen s : seen) {
      double[] row = (s.runId() == newId ? fresh : old).get(s.customerId());
      assertThat(s.probabilityAlive()).as(s.toString()).isEqualTo(fourDecimals(row[4]));
    }
    assertThat(fresh.get(ids.get(0))[4]).isNotEqualTo(old.get(ids.get(0))[4]);
  }

  private static void awaitReads(AtomicLong reads, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (reads.get() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(reads.get()).isGreaterThanOrEqualTo(atLeast);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 8. Table prefix

  @Test
  void tablePrefix_secondFacadeOnTheSameDatabase_keepsItsOwnRuns() throws SQLException {
    try (CustomerIntelligence shop2 = facade("shop2_")) {
      assertThat(shop2.models().active()).isEmpty();
      assertThat(shop2.models().list(10)).isEmpty();
      assertThatThrownBy(() -> shop2.churn().risk("00004")).isInstanceOf(ModelNotReadyException.class);

      List<Order> orders = SyntheticShop.lateJoiners();
      shop2.ingestion().upsertOrders(orders);
      ModelRun own = shop2.models().refresh(ModelRunRequest.builder().backtest(false).build());
      long customers = orders.stream().map(Order::customerId).distinct().count();

      assertThat(own.data().customers()).isEqualTo(customers);
      assertThat(own.data().purchases()).isEqualTo(orders.size());
      assertThat(shop2.models().list(10).stream().map(r -> r.data().customers()).toList())
          .containsExactly((int) customers);
      assertThat(shop2.churn().summary().customers()).isEqualTo(customers);
      assertThat(shop2.churn().risk("C001").runId()).isEqualTo(own.id());
      assertThatThrownBy(() -> shop2.churn().risk("00004")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> ci.churn().risk("C001")).isInstanceOf(NotFoundException.class);
      ModelRun active = ci.models().active().orElseThrow();
      assertThat(active.id()).isEqualTo(run.id());
      assertThat(active.data().customers()).isEqualTo(2_357);
      assertThat(ci.models().list(1_000)).allSatisfy(r -> assertThat(r.data().customers()).isEqualTo(2_357));
      assertThat(scoreCounts("shop2_")).containsExactly(Map.entry(own.id(), customers));
      assertThat(scoreCounts("ci_")).containsEntry(run.id(), 2_357L);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** What the closed forms give one customer at the run's parameters over {@code months}. */
  private record Expected(
      double alive, double purchases, double spend, double value, double valueIfAlive, double valueAtRisk) {}

  private Expected expected(CdnowFile.Summary c, int months) {
    double alive = ReferenceFormulas.probabilityAlive(mbg, c.x(), c.tx(), c.age());
    double horizonWeeks = Horizon.months(months).in(PeriodUnit.WEEKS);
    double purchases = ReferenceFormulas.conditionalExpectedPurchases(mbg, c.x(), c.tx(), c.age(), horizonWeeks);
    double spend = ReferenceFormulas.expectedSpend(gg, c.x(), c.monetary());
    double value = ReferenceFormulas.value(mbg, gg, c.x(), c.tx(), c.age(), c.monetary(), months, 0.01);
    double ifAlive = value / alive;
    return new Expected(alive, purchases, spend, value, ifAlive, (1 - alive) * ifAlive);
  }

  /** 00004, a one-time buyer, the most frequent buyer, and the repeater gone longest. */
  private List<String> handful() {
    List<String> ids = new ArrayList<>();
    ids.add("00004");
    ids.add(summaries.values().stream().filter(c -> c.x() == 0).findFirst().orElseThrow().customerId());
    ids.add(summaries.values().stream().max(Comparator.comparingInt(CdnowFile.Summary::x)).orElseThrow()
        .customerId());
    ids.add(summaries.values().stream().filter(c -> c.x() > 0)
        .max(Comparator.comparingDouble(c -> c.age() - c.tx())).orElseThrow().customerId());
    return ids;
  }

  private static void assertMoney(SoftAssertions soft, Money money, double expected, String what) {
    soft.assertThat(money.currency()).as(what).isEqualTo(USD);
    soft.assertThat(money.amount().scale()).as(what + " in cents").isEqualTo(2);
    soft.assertThat(money.amount().doubleValue()).as(what).isCloseTo(expected, within(CENT_ROUNDING));
  }

  static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  /** A null argument: NullPointerException whose message is the parameter's name. */
  static void assertNullArgument(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  /** Score rows of a run, read with plain JDBC: x, t_x, T, monetary, p_alive, purchases, spend, ltv, low, high, VaR. */
  private Map<String, double[]> scoreRows(String prefix, long runId) throws SQLException {
    Map<String, double[]> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT customer_id, frequency, recency, age, monetary_value,"
            + " p_alive, expected_purchases, expected_spend, ltv, ltv_low, ltv_high, value_at_risk FROM " + prefix
            + "customer_scores WHERE run_id = " + runId)) {
      while (rs.next()) {
        double[] v = new double[11];
        for (int i = 0; i < 11; i++) {
          v[i] = rs.getDouble(i + 2);
        }
        rows.put(rs.getString(1), v);
      }
    }
    return rows;
  }

  /** @return score rows per run id, counted with plain JDBC */
  private Map<Long, Long> scoreCounts(String prefix) throws SQLException {
    Map<Long, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT run_id, COUNT(*) FROM " + prefix + "customer_scores GROUP BY run_id")) {
      while (rs.next()) {
        counts.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return counts;
  }

  /** AUC by counting every (positive, negative) pair; O(n²), fine for 2,357 customers. */
  private static double pairwiseAuc(double[] score, boolean[] positive) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < score.length; i++) {
      if (!positive[i]) {
        continue;
      }
      for (int j = 0; j < score.length; j++) {
        if (positive[j]) {
          continue;
        }
        pairs++;
        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }
}

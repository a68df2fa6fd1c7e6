package dev.custintel.analytics.models;

import static dev.custintel.analytics.models.ModelRunsTest.assertInvalid;
import static dev.custintel.analytics.models.ModelRunsTest.assertNullArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.churn.ChurnRisk;
import dev.custintel.analytics.clv.Horizon;
import dev.custintel.analytics.clv.ValuationOptions;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.analytics.ltv.LtvPrediction;
import dev.custintel.core.CustintelException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerScores;
import dev.custintel.core.model.Order;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model runs on small, purpose-built stores: nothing yet, no purchase, no repeat purchase, an as-of day before the
 * data, a history too short for the default backtest, other valuations, units and currencies. A fresh database per
 * test, on H2 and on PostgreSQL.
 */
class ModelRunSmallStoresTest extends OnBothDatabases {
  private static final Currency EUR = Currency.getInstance("EUR");

  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeEach
  void open() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).maximumPoolSize(2).build();
  }

  @AfterEach
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void readers_noRunYet_modelNotReady() {
    ci.ingestion().upsertOrders(List.of(SyntheticShop.order("O-1", "C-1", SyntheticShop.START, 10, EUR)));

    assertNotReady(() -> ci.churn().risk("C-1"));
    assertNotReady(() -> ci.churn().summary());
    assertNotReady(() -> ci.churn().atRisk(10));
    assertNotReady(() -> ci.churn().atRisk(10, 0.5));
    assertNotReady(() -> ci.ltv().predict("C-1"));
    assertNotReady(() -> ci.ltv().predict("C-1", Horizon.months(6)));
    assertNotReady(() -> ci.ltv().top(10));
    assertThat(ci.models().active()).isEmpty();
    assertThat(ci.models().list(10)).isEmpty();
    assertThat(ci.models().prune(1)).isZero();
    assertThatThrownBy(() -> ci.models().get(1)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ci.models().activate(1)).isInstanceOf(NotFoundException.class);
    assertThat(ci.customers().profile("C-1").scores()).isNull();
    // Argument checks come first: a bad limit is named even before there is a run.
    assertInvalid(() -> ci.churn().atRisk(0), "limit");
    assertInvalid(() -> ci.ltv().top(0), "limit");
  }

  @Test
  void refresh_emptyStore_insufficientDataAndWritesNothing() throws SQLException {
    assertThatThrownBy(() -> ci.models().refresh()).isInstanceOfSatisfying(InsufficientDataException.class, e -> {
      assertThat(e.purchases()).isZero();
      assertThat(e.customers()).isZero();
      assertThat(e.repeatCustomers()).isZero();
      assertThat(e.currency()).isEmpty();
      assertThat(e.getMessage()).contains("at least 1 repeat customer").contains("has 0 among 0 customers");
    });
    assertNothingWritten();
  }

  /** The README's first run, before the fix: one order, then a model run, failed on a fit's argument check. */
  @Test
  void refresh_oneOrder_insufficientDataSaysWhatIsNeededAndWhatThereIs() throws SQLException {
    ci.ingestion().upsertOrders(List.of(SyntheticShop.order("O-1001", "C-42", SyntheticShop.START, 40, EUR)));

    assertThatThrownBy(() -> ci.models().refresh()).isInstanceOfSatisfying(InsufficientDataException.class, e -> {
      assertThat(e.requiredRepeatCustomers()).isEqualTo(1);
      assertThat(e.repeatCustomers()).isZero();
      assertThat(e.customers()).isEqualTo(1);
      assertThat(e.purchases()).isEqualTo(1);
      assertThat(e.currency()).contains(EUR);
      assertThat(e.asOf()).contains(SyntheticShop.START);
      assertThat(e.getMessage())
          .contains("needs at least 1 repeat customer")
          .contains("has 0 among 1 customer with 1 purchase in EUR up to " + SyntheticShop.START);
    });
    assertNothingWritten();
  }

  @Test
  void refresh_asOfBeforeEveryPurchase_namesAsOfAndWritesNothing() throws SQLException {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners());

    assertThatThrownBy(() -> ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1990, 1, 1)).build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("asOf");
          assertThat(e.reason()).contains("1990-01-01");
        });
    assertNothingWritten();
    assertThatThrownBy(() -> ci.models().refresh(ModelRunRequest.builder().currency(EUR).build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("currency"));
    assertNothingWritten();
  }

  @Test
  void refresh_onlyOneTimeBuyers_failsTypedAndWritesNothing() throws SQLException {
    List<Order> orders = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      orders.add(SyntheticShop.order("O-" + c, String.format("C%02d", c), SyntheticShop.START.plusDays(c), 20 + c,
          SyntheticShop.USD));
    }
    ci.ingestion().upsertOrders(orders);

    assertThatThrownBy(() -> ci.models().refresh()).isInstanceOf(CustintelException.class)
        .isInstanceOfSatisfying(InsufficientDataException.class, e -> {
          assertThat(e.customers()).isEqualTo(60);
          assertThat(e.purchases()).isEqualTo(60);
          assertThat(e.repeatCustomers()).isZero();
          assertThat(e.getMessage()).contains("has 0 among 60 customers with 60 purchases in USD");
        });
    assertNothingWritten();
    assertNotReady(() -> ci.churn().risk("C01"));
  }

  @Test
  void refresh_failingRunAfterAGoodOne_leavesTheGoodOneActive() throws SQLException {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners());
    ModelRun good = ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    // EUR: only one-time buyers.
    ci.ingestion().upsertOrders(List.of(
        SyntheticShop.order("E-1", "C001", SyntheticShop.START.plusDays(300), 10, EUR),
        SyntheticShop.order("E-2", "C002", SyntheticShop.START.plusDays(301), 10, EUR)));

    assertThatThrownBy(() -> ci.models().refresh(ModelRunRequest.builder().currency(EUR).build()))
        .isInstanceOfSatisfying(InsufficientDataException.class, e -> assertThat(e.customers()).isEqualTo(2));

    assertThat(ci.models().list(10)).extracting(ModelRun::id).containsExactly(good.id());
    assertThat(ci.models().active()).get().extracting(ModelRun::id).isEqualTo(good.id());
    assertThat(ci.churn().risk("C001").runId()).isEqualTo(good.id());
    assertThat(count("ci_customer_scores")).isEqualTo((long) good.data().customers());
  }

  @Test
  void refresh_fitDoesNotConverge_modelFitExceptionAndTheActiveRunStays() throws SQLException {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners(EUR));
    ModelRun good = ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    ci.ingestion().upsertOrders(SyntheticShop.burstAfterSilence());

    assertThatThrownBy(() -> ci.models().refresh(ModelRunRequest.builder().currency(SyntheticShop.USD).build()))
        .isInstanceOfSatisfying(ModelFitException.class, e -> {
          // Which fit gives up depends on the data's shape; either stops the run.
          assertThat(e.model()).isIn("mbgnbd", "gammaGamma");
          assertThat(e.diagnostics().converged()).isFalse();
          assertThat(e.getMessage()).contains(e.diagnostics().iterations() + " iterations").contains("nothing was");
        });

    assertThat(ci.models().list(10)).extracting(ModelRun::id).containsExactly(good.id());
    assertThat(ci.models().active()).get().extracting(ModelRun::id).isEqualTo(good.id());
    assertThat(count("ci_model_runs")).isEqualTo(1);
    assertThat(count("ci_customer_scores")).isEqualTo((long) good.data().customers());
  }

  @Test
  void refresh_calibrationBeforeTheDefaultHoldoutTooThin_writesTheRunWithTheReasonWhy() {
    List<Order> orders = new ArrayList<>(SyntheticShop.lateJoiners());
    ci.ingestion().upsertOrders(orders);
    ci.ingestion().upsertOrders(List.of(SyntheticShop.order("X-1", "EURO", SyntheticShop.START.plusDays(100), 10,
        EUR)));
    LocalDate first = SyntheticShop.START;
    LocalDate last = orders.stream().map(o -> LocalDate.ofInstant(o.placedAt(), ZoneOffset.UTC))
        .max(Comparator.naturalOrder()).orElseThrow();
    // The documented default: a third of the span, in whole weeks, 1 to 52.
    long weeks = Math.max(1, Math.min(52, Math.round(ChronoUnit.DAYS.between(first, last) / 3.0 / 7.0)));
    LocalDate calibrationEnd = last.minusWeeks(weeks);

    ModelRun run = ci.models().refresh();

    assertThat(run.data().asOf()).isEqualTo(last);
    assertThat(run.data().currency()).isEqualTo(SyntheticShop.USD);
    assertThat(run.data().customers()).isEqualTo((int) orders.stream().map(Order::customerId).distinct().count());
    assertThat(run.data().purchases()).isEqualTo(orders.size());
    assertThat(run.quality().backtest()).isNull();
    // Up to the calibration end there is one customer, EARLY, who bought once: nothing to fit.
    assertThat(run.quality().backtestSkipped()).contains(calibrationEnd.toString()).contains("could not be fitted")
        .contains("repeat");
    assertThat(run.active()).isTrue();
    assertThat(run.fits().purchaseModel().converged()).isTrue();
    assertThat(ci.models().get(run.id()).quality().backtestSkipped()).isEqualTo(run.quality().backtestSkipped());
    assertThat(ci.churn().risk("C001").runId()).isEqualTo(run.id());
    assertThat(ci.churn().risk("EARLY").repeatPurchases()).isZero();
    assertThat(ci.customers().profile("C001").scores()).isNotNull();
    // A customer of the store whose only purchase is in another currency has no score in the run.
    assertThat(ci.customers().profile("EURO").scores()).isNull();
    assertThatThrownBy(() -> ci.churn().risk("EURO")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void request_badArguments_areNamed() {
    assertInvalid(() -> ModelRunRequest.builder().holdout(Period.ZERO), "holdout");
    assertInvalid(() -> ModelRunRequest.builder().holdout(Period.ofDays(-7)), "holdout");
    assertNullArgument(() -> ModelRunRequest.builder().asOf(null), "asOf");
    assertNullArgument(() -> ModelRunRequest.builder().currency(null), "currency");
    assertNullArgument(() -> ci.models().refresh(null), "request");
    ModelRunRequest defaults = ModelRunRequest.defaults();
    assertThat(defaults.activate()).isTrue();
    assertThat(defaults.backtest()).isTrue();
    assertThat(defaults.holdout()).isEmpty();
    assertThat(ModelRunRequest.builder().backtest(false).holdout(Period.ofWeeks(4)).build().backtest()).isTrue();
  }

  @Test
  void refresh_customValuationAndUnit_storedAndUsedByEveryReader() throws SQLException {
    List<Order> orders = SyntheticShop.lateJoiners();
    ci.ingestion().upsertOrders(orders);
    LocalDate asOf = orders.stream().map(o -> LocalDate.ofInstant(o.placedAt(), ZoneOffset.UTC))
        .max(Comparator.naturalOrder()).orElseThrow();
    ValuationOptions valuation = new ValuationOptions(Horizon.months(6), 0.02, 0.8);

    ModelRun weeks = ci.models().refresh(ModelRunRequest.builder().valuation(valuation).backtest(false).build());

    assertThat(weeks.valuation()).isEqualTo(valuation);
    assertThat(weeks.data().unit()).isEqualTo(PeriodUnit.WEEKS);
    assertScoresMatchClosedForms(weeks, CdnowFile.summaries(SyntheticShop.rows(orders), asOf, 7), 6, 0.02, 7);
    LtvPrediction ltv = ci.ltv().predict("C001");
    assertThat(ltv.horizon()).isEqualTo(Horizon.months(6));
    assertThat(ltv.intervalLevel()).isEqualTo(0.8);
    assertThat(ltv.value()).isEqualTo(ci.churn().risk("C001").lifetimeValue());
    CustomerScores scores = ci.customers().profile("C001").scores();
    assertThat(scores.horizonMonths()).isEqualTo(6.0);
    assertThat(scores.intervalLevel()).isEqualTo(0.8);
    assertThat(scores.lifetimeValue()).isEqualTo(ltv.value());

    ModelRun days = ci.models().refresh(ModelRunRequest.builder().unit(PeriodUnit.DAYS).backtest(false).build());

    assertThat(days.data().unit()).isEqualTo(PeriodUnit.DAYS);
    NavigableMap<String, CdnowFile.Summary> inDays = CdnowFile.summaries(SyntheticShop.rows(orders), asOf, 1);
    assertScoresMatchClosedForms(days, inDays, 12, 0.01, 1);
    ChurnRisk risk = ci.churn().risk("C001");
    assertThat(risk.runId()).isEqualTo(days.id());
    assertThat(risk.daysSinceLastPurchaseAtRun())
        .isEqualTo(ChronoUnit.DAYS.between(inDays.get("C001").lastDay(), asOf));
    assertThat(ci.ltv().predict("C001").horizon()).isEqualTo(Horizon.months(12));
  }

  /** Every score row of the run against the closed forms at the run's parameters (see ModelRunsTest). */
  private void assertScoresMatchClosedForms(
      ModelRun run, NavigableMap<String, CdnowFile.Summary> summaries, double months, double discount, int unitDays)
      throws SQLException {
    Map<String, Double> p = run.fits().purchaseModel().parameters();
    ReferenceFormulas.Mbg mbg = new ReferenceFormulas.Mbg(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"));
    Map<String, Double> s = run.fits().spendModel().parameters();
    ReferenceFormulas.Gg gg = new ReferenceFormulas.Gg(s.get("p"), s.get("q"), s.get("gamma"));
    Map<String, double[]> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT customer_id, frequency, recency, age, p_alive, ltv"
            + " FROM ci_customer_scores WHERE run_id = " + run.id())) {
      while (rs.next()) {
        rows.put(rs.getString(1), new double[] {rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getDouble(6)});
      }
    }
    assertThat(rows.keySet()).isEqualTo(summaries.keySet());
    SoftAssertions soft = new SoftAssertions();
    for (CdnowFile.Summary c : summaries.values()) {
      double[] row = rows.get(c.customerId());
      double alive = ReferenceFormulas.probabilityAlive(mbg, c.x(), c.tx(), c.age());
      double value =
          ReferenceFormulas.value(mbg, gg, c.x(), c.tx(), c.age(), c.monetary(), months, discount, unitDays);
      soft.assertThat(row[0]).as(c.customerId() + " x").isEqualTo(c.x());
      soft.assertThat(row[1]).as(c.customerId() + " t_x").isCloseTo(c.tx(), within(1e-12));
      soft.assertThat(row[2]).as(c.customerId() + " T").isCloseTo(c.age(), within(1e-12));
      soft.assertThat(row[3]).as(c.customerId() + " P(alive)").isCloseTo(alive, within(1e-9 * alive + 1e-15));
      soft.assertThat(row[4]).as(c.customerId() + " ltv").isCloseTo(value, within(1e-9 * value + 1e-12));
    }
    soft.assertAll();
  }

  @Test
  void money_currencyWithoutCents_roundedToWholeUnitsEverywhere() {
    Currency yen = Currency.getInstance("JPY");
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners(yen));
    ModelRun run = ci.models().refresh(ModelRunRequest.builder().backtest(false).build());

    assertThat(run.data().currency()).isEqualTo(yen);
    LtvPrediction ltv = ci.ltv().predict("C001");
    assertThat(ltv.value().currency()).isEqualTo(yen);
    assertThat(ltv.value().amount().scale()).isZero();
    assertThat(ci.churn().risk("C001").lifetimeValue()).isEqualTo(ltv.value());
    assertThat(ci.customers().profile("C001").scores().lifetimeValue()).isEqualTo(ltv.value());
    assertThat(ci.churn().summary().totalLifetimeValue().amount().scale()).isZero();
  }

  @Test
  void money_currencyWithoutMinorUnit_sameInLtvAndProfile() {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners(Currency.getInstance("XAU")));
    ci.models().refresh(ModelRunRequest.builder().backtest(false).build());

    assertThat(ci.customers().profile("C001").scores().lifetimeValue()).isEqualTo(ci.ltv().predict("C001").value());
  }

  @Test
  void refresh_horizonInDays_comesBackExactly() {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners());
    ValuationOptions valuation = ValuationOptions.defaults().withHorizon(Horizon.days(250));

    ModelRun run = ci.models().refresh(ModelRunRequest.builder().valuation(valuation).backtest(false).build());

    assertThat(run.valuation()).isEqualTo(valuation);
    assertThat(ci.ltv().predict("C001").horizon()).isEqualTo(Horizon.days(250));
  }

  @Test
  void pruneAndActivate_concurrently_activeRunAlwaysExists() throws Exception {
    ci.ingestion().upsertOrders(SyntheticShop.lateJoiners());
    ModelRunRequest quiet = ModelRunRequest.builder().backtest(false).activate(false).build();
    ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 10; i++) {
        ModelRun older = ci.models().refresh(quiet);
        ci.models().refresh(quiet);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> prune = pool.submit(() -> {
          go.await();
          return ci.models().prune(1);
        });
        Future<?> activate = pool.submit(() -> {
          go.await();
          try {
            return ci.models().activate(older.id());
          } catch (NotFoundException alreadyPruned) {
            return null; // prune won: a legal outcome, the previous run stays active
          }
        });
        go.countDown();
        prune.get(30, TimeUnit.SECONDS);
        activate.get(30, TimeUnit.SECONDS);

        // Either order of the two is fine, as long as the active run is one that still exists.
        assertThat(ci.models().active()).as("iteration " + i + ": the active run exists").isPresent();
        long active = ci.models().active().orElseThrow().id();
        assertThat(ci.models().list(1_000)).extracting(ModelRun::id).as("iteration " + i).contains(active);
        assertThat(ci.churn().risk("C001").runId()).as("iteration " + i).isEqualTo(active);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertNotReady(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ModelNotReadyException.class,
        e -> assertThat(e.kind()).isEqualTo("clv"));
  }

  private void assertNothingWritten() throws SQLException {
    assertThat(ci.models().list(10)).isEmpty();
    assertThat(ci.models().active()).isEmpty();
    assertThat(count("ci_model_runs")).isZero();
    assertThat(count("ci_customer_scores")).isZero();
  }

  private long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

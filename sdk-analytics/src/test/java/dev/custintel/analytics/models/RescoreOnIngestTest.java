package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.clv.CustomerValue;
import dev.custintel.analytics.clv.CustomerValueModel;
import dev.custintel.analytics.clv.GammaGammaModel;
import dev.custintel.analytics.clv.GammaGammaParameters;
import dev.custintel.analytics.clv.PurchaseModel;
import dev.custintel.analytics.clv.PurchaseModelKind;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incremental re-scoring after ingestion, on H2 and PostgreSQL, over the CDNOW sample with a run as of 1997-09-30
 * (and the run before it as the events' baseline): a customer whose purchases did not change gets the run's own
 * score again; a new purchase gives the score of the run's fitted models on the summary worked out here by hand
 * (one more repeat day, recency and age up to the new day); the events of the new scores are exactly the rule
 * entries they make, once, with the trigger {@code ingestion}; switching it off leaves the scores alone.
 */
class RescoreOnIngestTest extends OnBothDatabases {
  private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

  private TestDatabase database;
  private CustomerIntelligence ci;
  private StoreAccess access;
  private ModelRun run;

  @BeforeEach
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    access = StoreAccess.of(ci.store());
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    // The first run records the baseline of the event rules; the second is the one re-scoring uses.
    ci.models().refresh(request(LocalDate.of(1997, 6, 30)));
    run = ci.models().refresh(request(AS_OF));
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

  private static ModelRunRequest request(LocalDate asOf) {
    return ModelRunRequest.builder().asOf(asOf).backtest(false).noAffinity().build();
  }

  @Test
  void unchangedCustomersGetTheRunsOwnScores() {
    List<String> ids = access.read("ids", h -> h.createQuery(access.sql(
            "SELECT customer_id FROM {customer_scores} WHERE run_id = :run ORDER BY customer_id"))
        .bind("run", run.id()).mapTo(String.class).list());
    // Customers with no purchase after the run's as-of day: their summary is the run's.
    List<String> quiet = access.read("quiet", h -> h.createQuery(access.sql(
            "SELECT DISTINCT customer_id FROM {orders} o WHERE NOT EXISTS (SELECT 1 FROM {orders} p"
                + " WHERE p.customer_id = o.customer_id AND p.placed_at >= :limit) ORDER BY customer_id"))
        .bind("limit", AS_OF.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).mapTo(String.class).list());
    assertThat(quiet).hasSizeGreaterThan(100);
    Map<String, double[]> before = scores(quiet);

    assertThat(ci.models().rescore(quiet)).isEqualTo(quiet.size());

    Map<String, double[]> after = scores(quiet);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((id, b) -> {
      double[] a = after.get(id);
      for (int i = 0; i < b.length; i++) {
        assertThat(a[i]).as("%s column %d", id, i).isCloseTo(b[i], within(1e-9 * Math.max(1, Math.abs(b[i]))));
      }
    });
    assertThat(scores(ids)).hasSize(ids.size());
  }

  @Test
  void aNewPurchaseIsScoredWithTheRunsModelsOnTheHandWorkedSummary() {
    // 00004 bought on 1997-01-01, 01-18 and 08-02 (a repeat day count of 2 up to the run's day), then on 12-12,
    // after the run's day: re-scored, all five days count, as of the last one.
    double[] old = scores(List.of("00004")).get("00004");
    assertThat(old[0]).isEqualTo(2.0);
    LocalDate day = LocalDate.of(1997, 11, 15);
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(purchase("x-1", "00004", day, "40.00"))));

    LocalDate last = LocalDate.of(1997, 12, 12);
    CustomerRfm expected = CustomerRfm.fromPurchaseDays("00004", LocalDate.of(1997, 1, 1), new BigDecimal("29.33"),
        last, 4, new BigDecimal("29.73").add(new BigDecimal("14.96")).add(new BigDecimal("40.00"))
            .add(new BigDecimal("26.48")), last, run.data().unit());
    assertThat(expected.age()).isCloseTo((double) java.time.temporal.ChronoUnit.DAYS.between(
        LocalDate.of(1997, 1, 1), last) / 7, within(1e-12));
    CustomerValue value = model(run).values(List.of(expected), run.valuation()).get(0);
    double[] now = scores(List.of("00004")).get("00004");
    assertThat(now[0]).isEqualTo(4.0);
    assertThat(now[1]).isCloseTo(expected.recency(), within(1e-9));
    assertThat(now[2]).isCloseTo(expected.age(), within(1e-9));
    assertThat(now[3]).isCloseTo(value.monetaryValue(), within(1e-9));
    assertThat(now[4]).isCloseTo(value.probabilityAlive(), within(1e-12));
    assertThat(now[5]).isCloseTo(value.value(), within(1e-9 * value.value()));
    assertThat(now[5]).isNotCloseTo(old[5], within(0.01));

    // A brand-new customer with two purchase days after the run's day.
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(
        purchase("n-1", "new-1", LocalDate.of(1998, 1, 2), "10.00"),
        purchase("n-2", "new-1", LocalDate.of(1998, 1, 30), "30.00"))));
    CustomerRfm fresh = CustomerRfm.fromPurchaseDays("new-1", LocalDate.of(1998, 1, 2), new BigDecimal("10.00"),
        LocalDate.of(1998, 1, 30), 1, new BigDecimal("30.00"), LocalDate.of(1998, 1, 30), run.data().unit());
    double[] n = scores(List.of("new-1")).get("new-1");
    assertThat(n[2]).isCloseTo(4.0, within(1e-9)); // four weeks old, recency four weeks
    assertThat(n[5]).isCloseTo(model(run).values(List.of(fresh), run.valuation()).get(0).value(), within(1e-9));
    // The profile shows the new score and the day it is as of.
    assertThat(ci.customers().profile("new-1").scores().scoredAsOf()).isEqualTo(LocalDate.of(1998, 1, 30));
    assertThat(ci.customers().profile("00004").scores().scoredAsOf()).isEqualTo(last);
  }

  @Test
  void eventsOfTheNewScoresAreEmittedOnceInTheirTransaction() {
    long before = ci.events().latestId();
    // A one-time buyer of early January: a back-filled second purchase the next day makes their risk of having
    // left jump (one repeat, long ago).
    String lapsed = access.read("lapsed", h -> h.createQuery(access.sql(
            "SELECT customer_id FROM {customer_scores} WHERE run_id = :run AND frequency = 0 AND age > 38.5"
                + " ORDER BY customer_id FETCH FIRST 1 ROWS ONLY"))
        .bind("run", run.id()).mapTo(String.class).one());
    LocalDate first = access.read("first", h -> h.createQuery(access.sql(
            "SELECT MIN(placed_at) FROM {orders} WHERE customer_id = :c"))
        .bind("c", lapsed).mapTo(java.time.OffsetDateTime.class).one()).toLocalDate();
    // A customer far below the top 5 % who places a large repeat order now.
    String riser = access.read("riser", h -> h.createQuery(access.sql(
            "SELECT customer_id FROM {customer_scores} WHERE run_id = :run AND frequency >= 1 AND ltv < 20"
                + " AND customer_id <> :l ORDER BY customer_id FETCH FIRST 1 ROWS ONLY"))
        .bind("run", run.id()).bind("l", lapsed).mapTo(String.class).one());
    IngestBatch batch = IngestBatch.ofOrders(List.of(
        purchase("b-1", lapsed, first.plusDays(1), "20.00"),
        purchase("r-1", riser, LocalDate.of(1997, 10, 20), "900.00"),
        purchase("r-2", riser, LocalDate.of(1997, 11, 20), "900.00")));
    ci.ingestion().ingest(batch);

    double lapsedRisk = 1 - scores(List.of(lapsed)).get(lapsed)[4];
    assertThat(lapsedRisk).as("the back-filled customer's new risk").isGreaterThanOrEqualTo(0.8);
    double riserValue = scores(List.of(riser)).get(riser)[5];
    double top5 = topPercentLevel(5);
    assertThat(riserValue).isGreaterThanOrEqualTo(top5);

    List<CustomerEvent> events = ci.events().read(EventQuery.after(before));
    assertThat(events).extracting(e -> e.type() + " " + e.customerId()).containsExactlyInAnyOrder(
        EventType.CHURN_RISK_ALERT + " " + lapsed, EventType.HIGH_VALUE_CUSTOMER + " " + riser);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.runId()).isEqualTo(run.id());
      assertThat(e.payload().get("trigger")).isEqualTo("ingestion");
    });
    assertThat(((Number) events.stream().filter(e -> e.type() == EventType.CHURN_RISK_ALERT).findFirst()
        .orElseThrow().payload().get("churnRisk")).doubleValue()).isCloseTo(lapsedRisk, within(1e-6));

    // The same batch again, and one more order of the riser: nothing new.
    ci.ingestion().ingest(batch);
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(purchase("r-3", riser, LocalDate.of(1997, 12, 1), "50.00"))));
    assertThat(ci.events().latestId()).isEqualTo(before + 2);
  }

  @Test
  void switchedOffLeavesTheScoresToTheNextRun() {
    try (CustomerIntelligence off = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      ci.close(); // its listener is gone with it
      ci = null;
      access = StoreAccess.of(off.store());
      double[] old = scores(List.of("00004")).get("00004");
      off.ingestion().ingest(IngestBatch.ofOrders(List.of(
          purchase("x-1", "00004", LocalDate.of(1997, 11, 15), "40.00"))));
      assertThat(scores(List.of("00004")).get("00004")).containsExactly(old);
      assertThat(off.models().rescore(List.of("00004", "nobody"))).isEqualTo(1);
      assertThat(scores(List.of("00004")).get("00004")[0]).isEqualTo(4.0);
    }
  }

  @Test
  void changesAreRecordedWithTheBatchAndDeletedByTheirReScoring() {
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(
        purchase("x-1", "00004", LocalDate.of(1997, 11, 15), "40.00"),
        purchase("n-1", "new-1", LocalDate.of(1998, 1, 2), "10.00"))));
    assertThat(scores(List.of("00004")).get("00004")[0]).isEqualTo(4.0);
    assertThat(changesLeft()).as("rows of changed_customers after their re-scoring").isZero();

    // With re-scoring off nothing is recorded (nobody would delete it).
    try (CustomerIntelligence off = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      off.ingestion().ingest(IngestBatch.ofOrders(List.of(purchase("n-2", "new-1", LocalDate.of(1998, 2, 2),
          "10.00"))));
    }
    assertThat(changesLeft()).isZero();
  }

  @Test
  void changesLeftByAStoppedProcessAreReScoredByTheNextFacade() {
    ci.close();
    ci = null;
    // A process that committed the order and stopped before re-scoring: the order and its row of
    // changed_customers are there, the score is the run's.
    try (CustomerIntelligence stopped = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      access = StoreAccess.of(stopped.store());
      double[] old = scores(List.of("00004")).get("00004");
      stopped.ingestion().ingest(IngestBatch.ofOrders(List.of(
          purchase("x-1", "00004", LocalDate.of(1997, 11, 15), "40.00"))));
      access.inTransaction("left", h -> h.execute(access.sql(
          "INSERT INTO {changed_customers} (customer_id) VALUES ('00004'), ('nobody'), ('00004')")));
      assertThat(scores(List.of("00004")).get("00004")).containsExactly(old);
    }

    try (CustomerIntelligence next = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      access = StoreAccess.of(next.store());
      // Closing waits for the catch-up that opening started.
    }
    try (CustomerIntelligence after = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      access = StoreAccess.of(after.store());
      assertThat(changesLeft()).isZero();
      assertThat(scores(List.of("00004")).get("00004")[0]).isEqualTo(4.0);
      assertThat(after.customers().profile("00004").scores().scoredAsOf()).isEqualTo(LocalDate.of(1997, 12, 12));
    }
  }

  private long changesLeft() {
    return access.read("left", h -> h.createQuery(access.sql("SELECT COUNT(*) FROM {changed_customers}"))
        .mapTo(Long.class).one());
  }

  private double topPercentLevel(double percent) {
    List<Double> values = access.read("values", h -> h.createQuery(access.sql(
            "SELECT ltv FROM {customer_scores} WHERE run_id = :run AND ltv > 0 ORDER BY ltv DESC"))
        .bind("run", run.id()).mapTo(Double.class).list());
    return values.get((int) Math.ceil(values.size() * percent / 100.0) - 1);
  }

  private static Order purchase(String id, String customer, LocalDate day, String amount) {
    return Order.purchase(id, customer, day.atTime(12, 0).toInstant(ZoneOffset.UTC), Money.currency("USD"),
        List.of(new OrderLine("p-1", 1, new BigDecimal(amount))));
  }

  /** The run's value model, from its reported parameters and covariances. */
  private static CustomerValueModel model(ModelRun run) {
    FitReport p = run.fits().purchaseModel();
    FitReport s = run.fits().spendModel();
    PurchaseModel purchases = PurchaseModelKind.fromId(p.model())
        .of(p.parameters().values().stream().mapToDouble(Double::doubleValue).toArray());
    GammaGammaModel spend = GammaGammaModel.of(new GammaGammaParameters(
        s.parameters().get("p"), s.parameters().get("q"), s.parameters().get("gamma")));
    return CustomerValueModel.of(purchases, Optional.ofNullable(p.covariance()).orElseThrow(), spend,
        Optional.ofNullable(s.covariance()).orElseThrow(), run.data().unit(), run.data().currency());
  }

  /** frequency, recency, age, monetary value, P(alive), ltv of the active run's rows. */
  private Map<String, double[]> scores(List<String> ids) {
    return access.read("scores", h -> {
      Map<String, double[]> out = new java.util.TreeMap<>();
      for (int i = 0; i < ids.size(); i += 500) {
        h.createQuery(access.sql("SELECT customer_id, frequency, recency, age, monetary_value, p_alive, ltv FROM"
                + " {customer_scores} WHERE run_id = :run AND customer_id IN (<ids>)"))
            .bind("run", run.id())
            .bindList("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
            .map((rs, ctx) -> {
              out.put(rs.getString(1), new double[] {rs.getInt(2), rs.getDouble(3), rs.getDouble(4),
                  rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)});
              return 0;
            })
            .list();
      }
      return out;
    });
  }
}

package dev.custintel.analytics.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.SettableClock;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Experiments end to end on H2 and PostgreSQL, on a synthetic shop whose outcomes the test generates and therefore
 * knows: every customer has one to three purchases in the year before the experiment; after exposure the generator
 * gives each customer a purchase in the 30-day window with a probability that depends on their arm (the arm comes
 * from {@link Assignment}, as the SDK's does), plus orders that must not count: the day before exposure, and on the
 * day the window closes. The results must equal the figures the test counts itself, recover the known effect
 * within their interval, and an A/A comparison must find an effect at about its stated rate.
 */
class ExperimentEndToEndTest extends OnBothDatabases {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Currency EUR = Currency.getInstance("EUR");

  private TestDatabase database;
  private CustomerIntelligence ci;
  private final SettableClock clock = new SettableClock(T0.minus(Duration.ofDays(1)));

  @BeforeEach
  void open() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).clock(clock).build();
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
  void knownEffect_isRecoveredWithinTheInterval_andEveryFigureMatchesTheGeneratorsCounts() {
    int customers = 4_000;
    history(customers, 11);
    ExperimentDefinition d = ExperimentDefinition.builder("repeat-nudge")
        .metric(ExperimentMetric.CONVERSION).windowDays(30).minimumDetectableEffect(0.03).build();
    Experiment e = ci.experiments().create(d);
    assertThat(e.status()).isEqualTo(ExperimentStatus.DRAFT);
    clock.set(T0);
    ci.experiments().start(e.id());
    ExposureResult exposed = ci.experiments().expose(e.id(), ids(customers), null);
    assertThat(exposed.recorded()).isEqualTo(customers);
    clock.set(T0.plus(Duration.ofDays(31)));
    Truth truth = outcomes(d, customers, 0.10, 0.16, 12);

    // Before any window has closed, nobody is measured: a customer exposed today is not a non-converter yet.
    clock.set(T0.plus(Duration.ofDays(29)));
    ExperimentResults early = ci.experiments().results(e.id());
    assertThat(early.pending()).isEqualTo(customers);
    assertThat(early.arms()).allSatisfy(a -> {
      assertThat(a.measured()).isZero();
      // Nobody measured: no rate, mean or variance (not 0 %, which would claim something).
      assertThat(a.conversionRate()).isNull();
      assertThat(a.revenuePerCustomer()).isNull();
      assertThat(a.revenueVariance()).isNull();
    });

    clock.set(T0.plus(Duration.ofDays(31)));
    ExperimentResults r = ci.experiments().results(e.id());
    assertThat(r.pending()).isZero();
    for (int arm = 0; arm < 2; arm++) {
      ArmResult a = r.arms().get(arm);
      assertThat(a.exposed()).as("arm %d exposed", arm).isEqualTo(truth.size[arm]);
      assertThat(a.measured()).isEqualTo(truth.size[arm]);
      assertThat(a.conversions()).as("arm %d conversions", arm).isEqualTo(truth.conversions[arm]);
      SampleSummary revenue = SampleSummary.of(truth.revenue(arm));
      assertThat(a.revenuePerCustomer()).isCloseTo(revenue.mean(), within(1e-9));
      assertThat(a.revenueVariance()).isCloseTo(revenue.variance(), within(1e-7));
    }
    ArmComparison c = r.comparisons().get(0);
    ProportionComparison expected = ExperimentStats.twoProportions(truth.conversions[0], truth.size[0],
        truth.conversions[1], truth.size[1], 0.95);
    assertThat(c.conversion()).isEqualTo(expected);
    assertThat(c.conversion().lower()).isLessThan(0.06);
    assertThat(c.conversion().upper()).isGreaterThan(0.06);
    assertThat(c.significant()).isTrue();
    assertThat(c.revenue().difference()).isCloseTo(SampleSummary.of(truth.revenue(1)).mean()
        - SampleSummary.of(truth.revenue(0)).mean(), within(1e-9));
    assertThat(r.sampleRatio().mismatch()).isFalse();
    assertThat(r.sampleSizePerArm()).isEqualTo(ExperimentStats.sampleSizePerArm(
        (double) truth.conversions[0] / truth.size[0], 0.03, 0.05, 0.8));
    assertThat(r.summary()).contains("significant").contains("4,000 of 4,000 exposed customers measured");
    assertThat(r.finished()).isFalse(); // still running
    ci.experiments().stop(e.id());
    assertThat(ci.experiments().results(e.id()).finished()).isTrue();
  }

  @Test
  void aaExperiments_findAnEffectAtAboutTheirStatedRate() {
    int customers = 1_000;
    history(customers, 21);
    // One outcome for everyone, the same in both arms; 100 experiments split the same customers 100 ways.
    Random random = new Random(22);
    clock.set(T0.plus(Duration.ofDays(30)));
    IngestBatch.Builder batch = IngestBatch.builder();
    for (int i = 0; i < customers; i++) {
      if (random.nextDouble() < 0.2) {
        batch.order(purchase("aa-" + i, id(i), T0.plus(Duration.ofDays(random.nextInt(30))), "25.00"));
      }
    }
    ci.ingestion().ingest(batch.build());
    clock.set(T0);
    int experiments = 100;
    int significant = 0;
    List<Long> ids = new ArrayList<>();
    for (int k = 0; k < experiments; k++) {
      Experiment e = ci.experiments().create(ExperimentDefinition.builder("aa-" + k).build());
      ci.experiments().start(e.id());
      ci.experiments().expose(e.id(), ids(customers), T0);
      ids.add(e.id());
    }
    clock.set(T0.plus(Duration.ofDays(30)));
    for (long id : ids) {
      ExperimentResults r = ci.experiments().results(id);
      assertThat(r.arms().get(0).measured() + r.arms().get(1).measured()).isEqualTo(customers);
      if (r.comparisons().get(0).significant()) {
        significant++;
      }
    }
    // α = 0.05 over 100 independent splits: 5 expected; 1 to 12 holds with probability 0.99 (binomial).
    assertThat(significant).isBetween(1, 12);
  }

  @Test
  void exposure_isIdempotent_allOrNothing_andOnlyWhileRunning() {
    history(50, 31);
    Experiment e = ci.experiments().create(ExperimentDefinition.builder("lifecycle").build());
    assertThatThrownBy(() -> ci.experiments().expose(e.id(), List.of(id(1)), null))
        .isInstanceOf(ExperimentStateException.class).hasMessageContaining("draft");
    assertThatThrownBy(() -> ci.experiments().create(ExperimentDefinition.builder("lifecycle").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("name"));
    clock.set(T0);
    ci.experiments().start(e.id());
    assertThatThrownBy(() -> ci.experiments().start(e.id())).isInstanceOf(ExperimentStateException.class);

    ExposureResult first = ci.experiments().expose(e.id(), List.of(id(1), id(2), id(1)), null);
    assertThat(first.recorded()).isEqualTo(2);
    assertThat(first.exposures()).extracting(Exposure::customerId).containsExactly(id(1), id(2));
    clock.set(T0.plus(Duration.ofDays(3)));
    ExposureResult again = ci.experiments().expose(e.id(), List.of(id(2), id(3)), null);
    assertThat(again.recorded()).isEqualTo(1);
    assertThat(again.alreadyExposed()).isEqualTo(1);
    assertThat(again.exposures().get(0).exposedAt()).isEqualTo(T0); // the first exposure stands
    assertThat(again.exposures().get(0).recorded()).isFalse();
    for (Exposure x : again.exposures()) {
      assertThat(x.arm()).isEqualTo(Assignment.arm("lifecycle", x.customerId(), List.of(1.0, 1.0)));
    }

    // An instant finer than the databases keep: the first answer shows what is stored, as every later one does.
    Instant fine = T0.plus(Duration.ofDays(2)).plusNanos(123_456_789);
    Exposure precise = ci.experiments().expose(e.id(), List.of(id(6)), fine).exposures().get(0);
    assertThat(precise.exposedAt()).isEqualTo(T0.plus(Duration.ofDays(2)).plusNanos(123_456_000));
    assertThat(ci.experiments().expose(e.id(), List.of(id(6)), null).exposures().get(0).exposedAt())
        .isEqualTo(precise.exposedAt());

    // An unknown customer anywhere in the batch: nothing of it is written, and the error names it.
    assertThatThrownBy(() -> ci.experiments().expose(e.id(), List.of(id(4), "nobody", id(5)), null))
        .isInstanceOfSatisfying(InvalidInputException.class, x -> {
          assertThat(x.field()).isEqualTo("customerIds[1]");
          assertThat(x.reason()).contains("nobody").contains("not a customer");
        });
    assertThat(ci.experiments().get(e.id()).exposures()).isEqualTo(4);
    assertThatThrownBy(() -> ci.experiments().expose(e.id(), List.of(id(4)), T0.minus(Duration.ofDays(1))))
        .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("exposedAt"));
    assertThatThrownBy(() -> ci.experiments().expose(e.id(), List.of(id(4)), clock.instant().plusSeconds(60)))
        .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("exposedAt"));
    assertThatThrownBy(() -> ci.experiments().assign(e.id(), "nobody")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ci.experiments().get(987_654)).isInstanceOf(NotFoundException.class);

    ci.experiments().stop(e.id());
    assertThatThrownBy(() -> ci.experiments().expose(e.id(), List.of(id(4)), null))
        .isInstanceOf(ExperimentStateException.class).hasMessageContaining("stopped");
    assertThatThrownBy(() -> ci.experiments().start(e.id())).isInstanceOf(ExperimentStateException.class);
    // Exposed on days 0, 2 and 3 with a 30-day window: at day 31 the last two are still pending.
    clock.set(T0.plus(Duration.ofDays(31)));
    ExperimentResults r = ci.experiments().results(e.id());
    assertThat(r.pending()).isEqualTo(2);
    assertThat(r.finished()).isFalse();
    clock.set(T0.plus(Duration.ofDays(33)));
    assertThat(ci.experiments().results(e.id()).finished()).isTrue();
  }

  @Test
  void assignments_pageEveryCustomerOnce_withTheHashArms_andWeightsHold() {
    history(300, 41);
    Experiment e = ci.experiments().create(ExperimentDefinition.builder("three-way")
        .arms(Arm.of("control", 2), Arm.of("a", 1), Arm.of("b", 1)).build());
    List<ExperimentAssignment> all = new ArrayList<>();
    String cursor = null;
    do {
      AssignmentPage page = ci.experiments().assignments(e.id(), 70, cursor);
      all.addAll(page.assignments());
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(all).extracting(ExperimentAssignment::customerId).containsExactlyElementsOf(ids(300));
    for (ExperimentAssignment a : all) {
      assertThat(a.arm()).isEqualTo(Assignment.arm("three-way", a.customerId(), List.of(2.0, 1.0, 1.0)));
      assertThat(ci.experiments().assign(e.id(), a.customerId())).isEqualTo(a);
    }
  }

  @Test
  void exposingOneArmOnly_isASampleRatioMismatch() {
    history(400, 51);
    Experiment e = ci.experiments().create(ExperimentDefinition.builder("broken-logging").build());
    clock.set(T0);
    ci.experiments().start(e.id());
    List<String> treated = new ArrayList<>();
    List<String> control = new ArrayList<>();
    for (String id : ids(400)) {
      (Assignment.arm("broken-logging", id, List.of(1.0, 1.0)) == 1 ? treated : control).add(id);
    }
    // Logging that drops three quarters of the control arm's exposures.
    List<String> logged = new ArrayList<>(treated);
    logged.addAll(control.subList(0, control.size() / 4));
    ci.experiments().expose(e.id(), logged, null);
    ExperimentResults r = ci.experiments().results(e.id());
    assertThat(r.sampleRatio().mismatch()).isTrue();
    assertThat(r.summary()).startsWith("Sample-ratio mismatch");
    assertThat(r.arms().get(1).exposed()).isEqualTo(treated.size());
  }

  // --- the synthetic shop ---------------------------------------------------------------------------------

  private void history(int customers, long seed) {
    Random random = new Random(seed);
    for (int from = 0; from < customers; from += 1_000) {
      IngestBatch.Builder batch = IngestBatch.builder();
      for (int i = from; i < Math.min(customers, from + 1_000); i++) {
        int orders = 1 + random.nextInt(3);
        for (int k = 0; k < orders; k++) {
          batch.order(purchase("h-" + i + "-" + k, id(i), T0.minus(Duration.ofDays(2 + random.nextInt(360))),
              amount(random)));
        }
      }
      ci.ingestion().ingest(batch.build());
    }
  }

  /** Outcomes after exposure at T0, with the conversion probability of each arm, and the orders that must not count. */
  private Truth outcomes(ExperimentDefinition d, int customers, double controlRate, double treatmentRate,
      long seed) {
    Random random = new Random(seed);
    Truth t = new Truth(customers);
    IngestBatch.Builder batch = IngestBatch.builder();
    for (int i = 0; i < customers; i++) {
      int arm = Assignment.arm(d.name(), id(i), d.weights());
      t.size[arm]++;
      BigDecimal revenue = BigDecimal.ZERO;
      if (random.nextDouble() < (arm == 0 ? controlRate : treatmentRate)) {
        t.conversions[arm]++;
        int orders = 1 + random.nextInt(2);
        for (int k = 0; k < orders; k++) {
          String amount = amount(random);
          batch.order(purchase("o-" + i + "-" + k, id(i), T0.plus(Duration.ofDays(random.nextInt(30))), amount));
          revenue = revenue.add(new BigDecimal(amount));
        }
        if (random.nextDouble() < 0.1) { // a return in the window lowers net revenue, not conversion
          batch.order(new Order("r-" + i, id(i), T0.plus(Duration.ofDays(29)).plusSeconds(3600), EUR,
              OrderKind.RETURN, List.of(new OrderLine("p", 1, new BigDecimal("5.00")))));
          revenue = revenue.subtract(new BigDecimal("5.00"));
        }
      }
      if (random.nextDouble() < 0.05) { // the day the window closes: outside it
        batch.order(purchase("late-" + i, id(i), T0.plus(Duration.ofDays(30)), "99.00"));
      }
      t.revenue.add(new double[] {arm, revenue.doubleValue()});
    }
    ci.ingestion().ingest(batch.build());
    return t;
  }

  private static final class Truth {
    final long[] size = new long[2];
    final long[] conversions = new long[2];
    final List<double[]> revenue;

    Truth(int customers) {
      revenue = new ArrayList<>(customers);
    }

    double[] revenue(int arm) {
      return revenue.stream().filter(r -> r[0] == arm).mapToDouble(r -> r[1]).toArray();
    }
  }

  private static Order purchase(String id, String customer, Instant at, String amount) {
    return Order.purchase(id, customer, at, EUR, List.of(new OrderLine("p", 1, new BigDecimal(amount))));
  }

  private static String amount(Random random) {
    return BigDecimal.valueOf(2_000 + random.nextInt(6_000), 2).setScale(2, RoundingMode.UNNECESSARY)
        .toPlainString();
  }

  private static String id(int i) {
    return String.format("c%05d", i);
  }

  private static List<String> ids(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(id(i));
    }
    return out;
  }
}

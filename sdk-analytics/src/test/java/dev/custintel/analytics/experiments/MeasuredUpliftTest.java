package dev.custintel.analytics.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.ActionCandidate;
import dev.custintel.analytics.actions.ActionType;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.campaigns.CampaignTarget;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.analytics.churn.AtRiskCustomer;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ModelNotReadyException;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.SettableClock;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A win-back experiment on the CDNOW sample (run as of 1997-09-30) whose treatment works by construction: every
 * treated customer buys a quarter of their value at risk five days after exposure, on top of their real orders.
 * While it runs, retention campaigns leave out its control group and the recently contacted. Once it has finished,
 * the measured uplift recovers the quarter within its interval, equals the arithmetic from the arms' revenue and the
 * customers' values at risk, and replaces the assumed uplift in next best action, which says so.
 */
class MeasuredUpliftTest extends OnBothDatabases {
  private static final Instant T0 = Instant.parse("1997-10-01T00:00:00Z");
  private static final double EFFECT = 0.25;

  private TestDatabase database;
  private CustomerIntelligence ci;
  private final SettableClock clock = new SettableClock(Instant.parse("1998-07-01T00:00:00Z"));

  @BeforeEach
  void open() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).clock(clock).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false).build());
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
  void finishedWinBackExperiment_setsTheUpliftOfNextBestAction_andCampaignsRespectItWhileItRuns() {
    ExperimentDefinition d = ExperimentDefinition.builder("win-back-oct")
        .eligibility(Eligibility.minimumChurnRisk(0.5)).action(ActionType.WIN_BACK)
        .metric(ExperimentMetric.REVENUE).minimumDetectableEffect(5).windowDays(30).build();
    clock.set(T0);
    Experiment e = ci.experiments().create(d);
    ci.experiments().start(e.id());
    List<ExperimentAssignment> eligible = new ArrayList<>();
    String cursor = null;
    do {
      AssignmentPage page = ci.experiments().assignments(e.id(), 500, cursor);
      eligible.addAll(page.assignments());
      cursor = page.nextCursor();
    } while (cursor != null);
    Set<String> atRisk = ci.churn().atRisk(10_000, 0.5).stream().map(AtRiskCustomer::customerId)
        .collect(Collectors.toSet());
    assertThat(eligible).extracting(ExperimentAssignment::customerId).containsExactlyInAnyOrderElementsOf(atRisk);
    Map<String, BigDecimal> base = new HashMap<>();
    for (ExperimentAssignment a : eligible) {
      base.put(a.customerId(), ci.churn().risk(a.customerId()).valueAtRisk().amount());
    }
    ci.experiments().expose(e.id(), eligible.stream().map(ExperimentAssignment::customerId).toList(), null);
    assertThat(ci.actions().next(eligible.get(0).customerId()).candidates().get(0).upliftSource())
        .isEqualTo("assumed");

    // While it runs: its control group is held out, and its treated customers were contacted today.
    Map<String, Integer> arms = eligible.stream()
        .collect(Collectors.toMap(ExperimentAssignment::customerId, ExperimentAssignment::arm));
    RetentionCampaign campaign = ci.campaigns().retention(RetentionOptions.defaults().withLimit(1_000));
    assertThat(campaign.customers()).isEmpty(); // everyone at risk is in the experiment
    assertThat(campaign.excluded()).hasSize(atRisk.size()); // read on down the list to fill it
    for (RetentionCampaign.Excluded x : campaign.excluded()) {
      assertThat(x.reason()).isEqualTo(arms.get(x.customerId()) == 0 ? "control_group" : "contacted");
    }
    RetentionCampaign withTreated = ci.campaigns().retention(RetentionOptions.defaults().withLimit(1_000)
        .withContactedWithinDays(0));
    assertThat(withTreated.customers()).isNotEmpty()
        .allSatisfy(t -> assertThat(arms.get(t.customerId())).isEqualTo(1));
    assertThat(withTreated.totals().excluded()).isEqualTo(withTreated.excluded().size());
    assertThat(withTreated.excluded()).allSatisfy(x -> assertThat(x.reason()).isEqualTo("control_group"));
    RetentionCampaign everyone = ci.campaigns().retention(RetentionOptions.defaults().withLimit(1_000)
        .withContactedWithinDays(0).withExcludeControlGroups(false));
    assertThat(everyone.excluded()).isEmpty();
    assertThat(everyone.customers()).extracting(CampaignTarget::customerId).containsExactlyElementsOf(
        ci.churn().atRisk(1_000, 0.5).stream().map(AtRiskCustomer::customerId).toList());
    // Read on past the first 1,000 to fill the list with treated customers.
    assertThat(withTreated.customers()).hasSize(Math.min(1_000, (int) arms.values().stream().filter(a -> a == 1)
        .count()));

    // The treatment works: each treated customer buys a quarter of their value at risk.
    clock.set(T0.plus(Duration.ofDays(40)));
    IngestBatch.Builder batch = IngestBatch.builder();
    for (ExperimentAssignment a : eligible) {
      BigDecimal amount = base.get(a.customerId()).multiply(BigDecimal.valueOf(EFFECT))
          .setScale(2, RoundingMode.HALF_EVEN);
      if (a.arm() == 1 && amount.signum() > 0) {
        batch.order(Order.purchase("wb-" + a.customerId(), a.customerId(), T0.plus(Duration.ofDays(5)),
            ci.churn().risk(a.customerId()).valueAtRisk().currency(), List.of(new OrderLine("wb", 1, amount))));
      }
    }
    ci.ingestion().ingest(batch.build());
    assertThat(ci.experiments().measuredUplift(ActionType.WIN_BACK)).isEmpty(); // still running
    ci.experiments().stop(e.id());

    ExperimentResults r = ci.experiments().results(e.id());
    assertThat(r.finished()).isTrue();
    MeasuredUplift m = r.measuredUplift();
    assertThat(m).isNotNull();
    double meanBase = base.values().stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
    double expected = (r.arms().get(1).revenuePerCustomer() - r.arms().get(0).revenuePerCustomer()) / meanBase;
    assertThat(m.estimate()).isCloseTo(expected, within(1e-3 * Math.abs(expected)));
    assertThat(m.lower()).isLessThan(EFFECT);
    assertThat(m.upper()).isGreaterThan(EFFECT);
    assertThat(m.customers()).isEqualTo(eligible.size());
    assertThat(m.uplift()).isEqualTo(Math.max(0, Math.min(1, m.estimate())));
    assertThat(ci.experiments().measuredUplift(ActionType.WIN_BACK)).contains(m);
    assertThat(ci.experiments().measuredUplift(ActionType.VIP_CARE)).isEmpty();

    // Next best action now uses it for win-backs, and says so; the other actions keep the assumed uplift.
    // A control customer: not re-scored by the treatment's orders, still at risk.
    String id = campaign.excluded().stream().filter(x -> x.reason().equals("control_group")).findFirst()
        .orElseThrow().customerId();
    NextBestAction nba = ci.actions().next(id);
    ActionCandidate winBack = nba.candidates().get(0);
    assertThat(winBack.action()).isEqualTo(ActionType.WIN_BACK);
    assertThat(winBack.eligible()).isTrue();
    BigDecimal var = ci.churn().risk(id).valueAtRisk().amount();
    assertThat(winBack.expectedValue().amount()).isEqualByComparingTo(
        var.multiply(BigDecimal.valueOf(m.uplift())).setScale(2, RoundingMode.HALF_EVEN));
    assertThat(winBack.upliftSource()).isEqualTo("measured");
    assertThat(winBack.experimentId()).isEqualTo(e.id());
    assertThat(winBack.uplift()).isEqualTo(m.uplift());
    assertThat(winBack.arithmetic()).contains("measured uplift").contains("experiment " + e.id());
    assertThat(nba.candidates().get(3).upliftSource()).isEqualTo("assumed");
    assertThat(nba.candidates().get(3).experimentId()).isNull();
  }

  @Test
  void segmentEligibility_isTheRunsStoredMembership_andAPresetTheRunDidNotStoreIsSaid() {
    clock.set(T0);
    Experiment e = ci.experiments().create(ExperimentDefinition.builder("at-risk-only")
        .eligibility(Eligibility.segment("at_risk")).build());
    long run = ci.models().active().orElseThrow().id();
    StoreAccess access = StoreAccess.of(ci.store());
    List<String> members = access.read("members", h -> h.createQuery(access.sql("SELECT customer_id FROM"
            + " {segment_memberships} WHERE run_id = :run AND preset = 'rf-grid' AND segment = 'at_risk'"
            + " ORDER BY customer_id"))
        .bind("run", run).mapTo(String.class).list());
    assertThat(members).isNotEmpty();
    assertThat(ci.experiments().assignments(e.id(), 10_000, null).assignments())
        .extracting(ExperimentAssignment::customerId).containsExactlyElementsOf(members);
    String outsider = access.read("outsider", h -> h.createQuery(access.sql("SELECT customer_id FROM"
            + " {segment_memberships} WHERE run_id = :run AND preset = 'rf-grid' AND segment <> 'at_risk'"
            + " ORDER BY customer_id FETCH FIRST 1 ROWS ONLY"))
        .bind("run", run).mapTo(String.class).one());
    ExperimentAssignment no = ci.experiments().assign(e.id(), outsider);
    assertThat(no.eligible()).isFalse();
    assertThat(no.reason()).startsWith("Customer '" + outsider + "' is not eligible").contains("not in at_risk");

    assertThatThrownBy(() -> ci.experiments().create(ExperimentDefinition.builder("typo")
        .eligibility(Eligibility.segment("at_rsik")).build()))
        .isInstanceOfSatisfying(InvalidInputException.class,
            x -> assertThat(x.field()).isEqualTo("eligibility.segment"));
    Experiment klaviyo = ci.experiments().create(ExperimentDefinition.builder("klaviyo-champions")
        .eligibility(Eligibility.segment("klaviyo", "champions")).build());
    assertThatThrownBy(() -> ci.experiments().assignments(klaviyo.id(), 10, null))
        .isInstanceOf(ModelNotReadyException.class).hasMessageContaining("preset klaviyo")
        .hasMessageContaining("rf-grid");
  }
}

package dev.custintel.analytics.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.model.Money;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * RFM segments of the whole CDNOW master file as of 1998-01-01T00:00Z, against values computed independently from
 * the raw file with Python's standard library (each row one purchase; recency in whole days from the row's date;
 * L counted by bisection over the sorted values; n = 23,570), and the memberships two model runs store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsCdnowTest extends OnBothDatabases {
  private static final Instant AS_OF = Instant.parse("1998-01-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("1998-07-01T00:00:00Z");
  private TestDatabase database;
  private CustomerIntelligence ci;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    ci.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
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

  private static SegmentRequest at(SegmentPreset preset, Instant asOf) {
    return SegmentRequest.of(preset).withAsOf(asOf);
  }

  @Test
  void oneCustomersScores_matchTheRawFile() {
    RfmScores c3 = ci.segments().customer("00003", at(SegmentPreset.rfGrid(), AS_OF)).scores();
    assertThat(c3.recencyDays()).isEqualTo(37);
    assertThat(c3.frequency()).isEqualTo(5);
    assertThat(c3.monetary()).isEqualTo(Money.of("139.47", "USD"));
    assertThat(c3.code()).isEqualTo("555");
    assertThat(ci.segments().customer("00010", at(SegmentPreset.rfGrid(), AS_OF)).scores().code()).isEqualTo("113");
    assertThat(ci.segments().customer("00100", at(SegmentPreset.rfGrid(), AS_OF)).scores().code()).isEqualTo("532");
    assertThat(ci.segments().customer("12345", at(SegmentPreset.rfGrid(), AS_OF)).scores().code()).isEqualTo("212");
    assertThat(ci.segments().customer("00100", at(SegmentPreset.klaviyo(), AS_OF)).scores().code()).isEqualTo("322");
    assertThat(ci.segments().customer("00010", at(SegmentPreset.klaviyo(), AS_OF)).scores().code()).isEqualTo("112");
  }

  @Test
  void rfGridCounts_matchTheRawFile() {
    SegmentReport report = ci.segments().report(at(SegmentPreset.rfGrid(), AS_OF));
    assertThat(report.customers()).isEqualTo(23_570);
    Map<String, Long> counts = new LinkedHashMap<>();
    report.segments().forEach(s -> counts.put(s.name(), s.customers()));
    assertThat(counts).containsExactly(Map.entry("champions", 3748L), Map.entry("loyal", 2373L),
        Map.entry("potential_loyalist", 3040L), Map.entry("new", 0L), Map.entry("promising", 430L),
        Map.entry("need_attention", 606L), Map.entry("about_to_sleep", 3900L), Map.entry("at_risk", 839L),
        Map.entry("cant_lose_them", 38L), Map.entry("hibernating", 8596L));
    assertThat(report.segment("champions").revenue()).isEqualTo(Money.of("942626.68", "USD"));
    assertThat(report.scores().get("R")).containsExactly(Map.entry(1, 4723L), Map.entry(2, 4750L),
        Map.entry(3, 4675L), Map.entry(4, 4724L), Map.entry(5, 4698L));
    // 12,926 one-purchase customers tie: all score F = 1, and no F = 2 is left
    assertThat(report.scores().get("F")).containsExactly(Map.entry(1, 12926L), Map.entry(2, 0L),
        Map.entry(3, 4386L), Map.entry(4, 2241L), Map.entry(5, 4017L));
    assertThat(report.scores().get("M")).containsExactly(Map.entry(1, 4714L), Map.entry(2, 4714L),
        Map.entry(3, 4716L), Map.entry(4, 4712L), Map.entry(5, 4714L));
  }

  @Test
  void countsSumToN_forEveryPreset() {
    for (SegmentPreset preset : SegmentPreset.builtIn()) {
      SegmentReport r = ci.segments().report(at(preset, LATER));
      assertThat(r.segments().stream().mapToLong(SegmentSummary::customers).sum())
          .as(preset.id()).isEqualTo(r.customers() + r.prospects());
      assertThat(r.segments().stream().mapToDouble(SegmentSummary::share).sum()).isCloseTo(1.0, within(1e-9));
      for (String score : List.of("R", "F", "M")) {
        assertThat(r.scores().get(score).values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(r.customers());
      }
    }
  }

  @Test
  void modelRuns_storeMemberships_withThePreviousSegmentAndWhenItChanged() {
    ModelRun first = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 12, 31))
        .backtest(false).noAffinity().build());
    ModelRun second = ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30))
        .backtest(false).noAffinity().build());

    SegmentReport later = ci.segments().report(at(SegmentPreset.rfGrid(), LATER));
    assertThat(later.activeRunId()).isEqualTo(second.id());
    for (SegmentSummary s : later.segments()) {
      assertThat(s.scoredByActiveRun()).as(s.name()).isEqualTo(s.customers()); // the run scored the same customers
    }
    assertThat(later.segment("champions").averageChurnRisk())
        .isLessThan(later.segment("hibernating").averageChurnRisk());
    assertThat(later.segment("champions").averageLtv().amount())
        .isGreaterThan(later.segment("hibernating").averageLtv().amount());

    int changed = 0;
    for (int i = 1; i <= 12; i++) {
      String id = String.format("%05d", i * 1_931);
      String before = ci.segments().customer(id, at(SegmentPreset.rfGrid(), AS_OF)).segment();
      CustomerSegment now = ci.segments().customer(id, at(SegmentPreset.rfGrid(), LATER));
      SegmentMembership stored = now.stored();
      assertThat(stored).as(id).isNotNull();
      assertThat(stored.runId()).isEqualTo(second.id());
      assertThat(stored.segment()).as(id).isEqualTo(now.segment());
      if (before.equals(now.segment())) {
        assertThat(stored.previousSegment()).as(id).isNull();
        assertThat(stored.changedAt()).isEqualTo(first.createdAt());
        assertThat(stored.changedInRunId()).isEqualTo(first.id());
        assertThat(stored.changedInThisRun()).isFalse();
      } else {
        changed++;
        assertThat(stored.previousSegment()).as(id).isEqualTo(before);
        assertThat(stored.changedAt()).isEqualTo(second.createdAt());
        assertThat(stored.changedInThisRun()).isTrue();
      }
      List<SegmentMembership> history = ci.segments().history(id, 10);
      assertThat(history).extracting(SegmentMembership::runId).containsExactly(second.id(), first.id());
      assertThat(history.get(1).segment()).isEqualTo(before);
      assertThat(history.get(1).previousSegment()).isNull();
    }
    // by the Python script: 09655 loyal -> champions, 11586 and 17379 potential_loyalist -> champions
    assertThat(changed).isEqualTo(3);
  }
}

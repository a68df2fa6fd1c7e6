package dev.custintel.analytics.clv.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.summary.CdnowData.PublishedSummary;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reproduces the published CDNOW calibration summaries (Fader, Hardie &amp; Lee 2005; lifetimes' data files). */
class CalibrationSummariesCdnowTest {

  private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
  /** The published file is rounded to 2 decimals; allow half a unit of the last digit plus float noise. */
  private static final double ROUNDING = 0.005 + 1e-9;

  private static List<Transaction> transactions;

  @BeforeAll
  static void load() {
    transactions = CdnowData.sampleTransactions();
  }

  @Test
  void sampleTransactions_cdnowSample_hasDocumentedSize() {
    assertThat(transactions).hasSize(6_919);
    assertThat(transactions.stream().map(Transaction::customerId).distinct()).hasSize(2_357);
  }

  @Test
  void summarize_cdnowWeeks_matchesPublishedSummaryOfEveryCustomer() {
    Summaries summaries = CalibrationSummaries.summarize(transactions, CALIBRATION_END, PeriodUnit.WEEKS);

    List<PublishedSummary> published = CdnowData.publishedSummaries();
    assertThat(published).hasSize(2_357);
    assertThat(summaries.customers()).hasSize(2_357);
    assertThat(summaries.excludedCustomers()).isZero();
    assertThat(summaries.unit()).isEqualTo(PeriodUnit.WEEKS);
    assertThat(summaries.calibrationEnd()).isEqualTo(CALIBRATION_END);

    Map<String, CustomerRfm> byId =
        summaries.customers().stream().collect(Collectors.toMap(CustomerRfm::customerId, c -> c));
    SoftAssertions soft = new SoftAssertions();
    for (PublishedSummary expected : published) {
      CustomerRfm actual = byId.get(expected.id());
      soft.assertThat(actual).as("customer " + expected.id()).isNotNull();
      if (actual == null) {
        continue;
      }
      String id = "customer " + expected.id();
      soft.assertThat(actual.frequency()).as(id + " x").isEqualTo(expected.x());
      soft.assertThat(actual.recency()).as(id + " t_x").isCloseTo(expected.tx(), within(ROUNDING));
      soft.assertThat(actual.age()).as(id + " T").isCloseTo(expected.t(), within(ROUNDING));
      soft.assertThat(actual.monetaryValue().doubleValue())
          .as(id + " zbar")
          .isCloseTo(expected.zbar(), within(ROUNDING));
    }
    soft.assertAll();
  }

  @Test
  void summarize_cdnowWeeks_reproducesPublishedTotals() {
    Summaries summaries = CalibrationSummaries.summarize(transactions, CALIBRATION_END, PeriodUnit.WEEKS);

    List<CustomerRfm> repeaters =
        summaries.customers().stream().filter(CustomerRfm::isRepeater).toList();
    assertThat(summaries.customers().size() - repeaters.size()).isEqualTo(1_411);
    assertThat(repeaters).hasSize(946);
    assertThat(summaries.totalRepeatPurchases()).isEqualTo(2_457);
    double meanZbar =
        repeaters.stream().mapToDouble(c -> c.monetaryValue().doubleValue()).average().orElseThrow();
    // Published as 35.08 (2 decimals).
    assertThat(meanZbar).isCloseTo(35.08, within(ROUNDING));
    // Ages range over the documented 27.00–38.86 weeks (first purchases in Q1 1997).
    assertThat(summaries.customers()).allSatisfy(c -> assertThat(c.age()).isBetween(27.0, 38.86 + ROUNDING));
  }

  @Test
  void split_cdnowHoldoutToJune1998_reproducesCumulativeRepeatTransactionsAtWeek78() {
    CalibrationHoldoutSplit split =
        CalibrationSummaries.split(transactions, CALIBRATION_END, HOLDOUT_END, PeriodUnit.WEEKS);

    // 1997-10-01 .. 1998-06-30 is 273 days = weeks 40-78.
    assertThat(split.holdoutDuration()).isEqualTo(39.0);
    assertThat(split.holdout()).hasSize(2_357);
    assertThat(split.holdout())
        .extracting(HoldoutActivity::customerId)
        .containsExactlyElementsOf(
            split.calibration().customers().stream().map(CustomerRfm::customerId).toList());
    // Spec: actual cumulative repeat transactions are 2,457 at week 39 and 4,339 at week 78, counting purchase
    // days (6,696 distinct customer-days minus the 2,357 first purchases).
    long calibration = split.calibration().totalRepeatPurchases();
    long holdout = split.totalHoldoutPurchases();
    assertThat(calibration).isEqualTo(2_457);
    assertThat(calibration + holdout).isEqualTo(4_339);
    assertThat(holdout).isEqualTo(1_882);
    // The same counts day by day: the first repeat purchase is after 1997-01-01 and the last by the holdout end.
    NavigableMap<LocalDate, Integer> byDay = split.repeatPurchasesByDay();
    assertThat(byDay.headMap(CALIBRATION_END, true).values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(2_457);
    assertThat(byDay.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4_339);
    assertThat(byDay.firstKey()).isAfter(LocalDate.of(1997, 1, 1));
    assertThat(byDay.lastKey()).isBeforeOrEqualTo(HOLDOUT_END);
  }
}

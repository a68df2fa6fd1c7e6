package dev.custintel.analytics.clv;

import static dev.custintel.analytics.clv.CdnowValueFixture.customer;
import static dev.custintel.analytics.clv.CustomerValueModelTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.ValueDriver.Factor;
import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CustomerValueModel#drivers}, {@link ValueDrivers}, {@link ValueDriver} and {@link ReferenceCustomer}. */
class ValueDriversTest {

  /** A reference who came back twice, the last time 5 weeks ago, spending 40 USD a time. */
  private static final ReferenceCustomer REPEAT_REFERENCE = new ReferenceCustomer(2, 5.0, 30.0, 40.0);

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void effects_sumToValueMinusReferenceValue_andValueIsTheCustomersValue(PurchaseModelKind kind) {
    CustomerValueModel model = CdnowValueFixture.valueModel(kind);
    List<CustomerRfm> customers = new ArrayList<>();
    for (String id : List.of("1", "2", "3", "6", "157", "244", "509", "814", "1001")) {
      customers.add(CdnowValueFixture.byId(id));
    }
    customers.add(customer("no-spend", 3, 20, 38, 0.0));
    customers.add(customer("lapsed", 50, 1, 200, 30.0));
    ReferenceCustomer median = ReferenceCustomer.median(CdnowValueFixture.customers());
    for (ValuationOptions options : List.of(ValuationOptions.defaults(),
        new ValuationOptions(Horizon.days(100), 0.0, 0.8))) {
      for (ReferenceCustomer reference : List.of(median, REPEAT_REFERENCE)) {
        for (CustomerRfm c : customers) {
          ValueDrivers d = model.drivers(c, reference, options);
          String who = kind + " " + c.customerId() + " " + d;
          double sum = d.drivers().stream().mapToDouble(ValueDriver::effect).sum();
          assertThat(sum).as(who).isCloseTo(d.value() - d.referenceValue(), within(1e-9));
          double value = model.value(c, options).value();
          assertThat(d.value()).as(who).isCloseTo(value, within(1e-12 * value));
          assertThat(d.referenceValue()).as(who)
              .isCloseTo(model.value(asCustomer(reference), options).value(), within(1e-12 * d.referenceValue()));
          assertThat(d.reference()).isEqualTo(reference);
          assertThat(d.drivers()).extracting(ValueDriver::factor).containsExactlyInAnyOrder(Factor.values());
          assertThat(d.drivers()).isSortedAccordingTo(
              Comparator.comparingDouble((ValueDriver v) -> Math.abs(v.effect())).reversed());
          assertThat(d.drivers()).allMatch(v -> Double.isFinite(v.effect()));
        }
      }
    }
  }

  @Test
  void customerEqualToReference_allEffectsZero_makesNoDifference() {
    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    ReferenceCustomer median = ReferenceCustomer.median(CdnowValueFixture.customers());
    // The CDNOW median customer is a one-time buyer; so is this customer of the same age.
    assertThat(median.frequency()).isZero();
    CustomerRfm likeMedian = customer("m", 0, 0.0, median.age(), 0.0);
    CustomerRfm likeRepeat = customer("r", 2, 25.0, 30.0, 40.0); // last purchase 5 weeks ago, as REPEAT_REFERENCE
    for (Object[] pair : new Object[][] {{likeMedian, median}, {likeRepeat, REPEAT_REFERENCE}}) {
      ValueDrivers d = model.drivers((CustomerRfm) pair[0], (ReferenceCustomer) pair[1], ValuationOptions.defaults());
      assertThat(d.value()).as(d.toString()).isPositive().isCloseTo(d.referenceValue(), within(1e-12 * d.value()));
      for (ValueDriver v : d.drivers()) {
        assertThat(v.effect()).as(v.toString()).isCloseTo(0.0, within(1e-9));
        assertThat(v.explanation()).as(v.toString())
            .contains("makes no difference to the 12-month value")
            .doesNotContain("raises", "lowers");
      }
    }
  }

  @Test
  void frequentRecentHighSpender_frequencyRecencySpendRaiseTheValue() {
    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    ReferenceCustomer median = ReferenceCustomer.median(CdnowValueFixture.customers());
    // CDNOW 509: 18 repeat purchases, the last 0.7 weeks ago, 78.63 USD a time (median: 0, 29.86 weeks, 27.50).
    CustomerRfm c = CdnowValueFixture.byId("509");
    ValueDrivers d = model.drivers(c, median, ValuationOptions.defaults());
    Map<Factor, ValueDriver> byFactor = byFactor(d);
    for (Factor f : List.of(Factor.FREQUENCY, Factor.RECENCY, Factor.SPEND)) {
      ValueDriver v = byFactor.get(f);
      assertThat(v.effect()).as(v.toString()).isPositive();
      assertThat(v.explanation()).as(v.toString())
          .contains("raises the 12-month value by " + String.format(Locale.ROOT, "%,.2f USD", v.effect()));
    }
    assertThat(d.value()).isGreaterThan(10 * d.referenceValue());
    assertThat(byFactor.get(Factor.FREQUENCY).explanation())
        .startsWith("Bought again on 18 days after the first purchase day (orders on the same day count once;"
            + " median customer: 0 days)");
    assertThat(byFactor.get(Factor.RECENCY).explanation())
        .startsWith("Last purchase 0.7 weeks ago (median customer: 30 weeks ago)");
    assertThat(byFactor.get(Factor.TENURE).explanation())
        .startsWith("First purchase 36 weeks ago (median customer: 33 weeks ago)");
    assertThat(byFactor.get(Factor.SPEND).explanation())
        .startsWith("Spends 78.63 USD per repeat purchase on average (median: 27.50 USD)");
  }

  @Test
  void oneTimeBuyerFromLongAgo_lowersTheValue() {
    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    CustomerRfm c = CdnowValueFixture.byId("3"); // bought once, 38.86 weeks before the calibration end
    assertThat(c.frequency()).isZero();

    // Against a repeat buyer who bought recently: fewer purchases, longer ago and a longer tenure all lower it.
    ValueDrivers d = model.drivers(c, REPEAT_REFERENCE, ValuationOptions.defaults());
    Map<Factor, ValueDriver> byFactor = byFactor(d);
    for (Factor f : List.of(Factor.FREQUENCY, Factor.RECENCY, Factor.TENURE)) {
      ValueDriver v = byFactor.get(f);
      assertThat(v.effect()).as(v.toString()).isNegative();
      assertThat(v.explanation()).as(v.toString())
          .contains("lowers the 12-month value by " + String.format(Locale.ROOT, "%,.2f USD", -v.effect()));
    }
    assertThat(d.value()).isLessThan(d.referenceValue());
    assertThat(byFactor.get(Factor.FREQUENCY).explanation())
        .startsWith("Has not bought again since the first purchase day (median customer: 2 days)");
    assertThat(byFactor.get(Factor.SPEND).explanation())
        .startsWith("No repeat purchase yet, so a typical customer's spend is assumed")
        .contains("(median repeat purchase: 40.00 USD)");

    // Against the CDNOW median (also a one-time buyer, of 32.71 weeks): only the longer tenure matters.
    ValueDrivers m = model.drivers(c, ReferenceCustomer.median(CdnowValueFixture.customers()),
        ValuationOptions.defaults());
    Map<Factor, ValueDriver> mByFactor = byFactor(m);
    assertThat(mByFactor.get(Factor.TENURE).effect()).isNegative();
    assertThat(mByFactor.get(Factor.TENURE).explanation()).contains("weeks ago", "lowers the 12-month value by", "USD");
    for (Factor f : List.of(Factor.FREQUENCY, Factor.RECENCY, Factor.SPEND)) {
      assertThat(mByFactor.get(f).effect()).isZero();
      assertThat(mByFactor.get(f).explanation()).contains("makes no difference");
    }
    assertThat(m.drivers().get(0).factor()).isEqualTo(Factor.TENURE);
  }

  @Test
  void explanation_largeCountsAndAmounts_haveThousandsSeparators() {
    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    // A wholesale buyer: repeat purchases on 1,234 days, 12,345.67 USD each, against a reference of 5,678 days.
    CustomerRfm big = customer("big", 1_234, 1_500.0, 1_510.0, "12345.67");
    ReferenceCustomer reference = new ReferenceCustomer(5_678, 5.0, 1_600.0, 4_321.0);

    Map<Factor, ValueDriver> byFactor = byFactor(model.drivers(big, reference, ValuationOptions.defaults()));

    assertThat(byFactor.get(Factor.FREQUENCY).explanation())
        .startsWith("Bought again on 1,234 days after the first purchase day (orders on the same day count once;"
            + " median customer: 5,678 days)");
    assertThat(byFactor.get(Factor.SPEND).explanation())
        .startsWith("Spends 12,345.67 USD per repeat purchase on average (median: 4,321.00 USD)");
    for (ValueDriver v : byFactor.values()) {
      assertThat(v.explanation()).as(v.toString()).doesNotContainPattern("(?<![\\d,.])\\d{4,}");
    }
  }

  @Test
  void explanation_namesCurrencyUnitAndHorizon() {
    PurchaseModel p = CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD);
    CustomerValueModel eur = CustomerValueModel.of(p, CdnowValueFixture.spend(), PeriodUnit.WEEKS,
        Currency.getInstance("EUR"));
    CustomerRfm c = CdnowValueFixture.byId("6");
    ReferenceCustomer median = ReferenceCustomer.median(CdnowValueFixture.customers());
    for (ValueDriver v : eur.drivers(c, median, ValuationOptions.defaults()).drivers()) {
      assertThat(v.explanation()).as(v.toString()).contains("EUR", "12-month").doesNotContain("USD");
    }
    assertThat(byFactor(eur.drivers(c, median, ValuationOptions.defaults())).get(Factor.RECENCY).explanation())
        .contains("weeks ago");
    // A horizon that is not a whole number of months is stated in days.
    for (ValueDriver v : eur.drivers(c, median, ValuationOptions.defaults().withHorizon(Horizon.days(100)))
        .drivers()) {
      assertThat(v.explanation()).as(v.toString()).contains("100-day value");
    }
    // The value explained is that of the options' horizon.
    ValueDrivers longer = eur.drivers(c, median, ValuationOptions.defaults().withHorizon(Horizon.months(24)));
    assertThat(longer.value()).isGreaterThan(eur.drivers(c, median, ValuationOptions.defaults()).value());
    assertThat(longer.drivers()).allMatch(v -> v.explanation().contains("24-month"));
  }

  @Test
  void drivers_listIsACopy() {
    List<ValueDriver> list = new ArrayList<>(List.of(new ValueDriver(Factor.SPEND, 1.0, "x")));
    ValueDrivers d = new ValueDrivers(2.0, 1.0, REPEAT_REFERENCE, list);
    list.clear();
    assertThat(d.drivers()).hasSize(1);
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> d.drivers().clear());
  }

  // --- ReferenceCustomer ------------------------------------------------------------------------------------------

  @Test
  void median_oddCount_middleOfEachColumn() {
    // Columns: frequency 0, 2, 5 → 2; since last purchase 10, 12, 5 → 10; age 10, 20, 30 → 20;
    // spend of the repeaters 30, 50 → 40.
    List<CustomerRfm> three = List.of(customer("a", 0, 0, 10, 0.0), customer("b", 2, 8, 20, 30.0),
        customer("c", 5, 25, 30, 50.0));
    assertThat(ReferenceCustomer.median(three)).isEqualTo(new ReferenceCustomer(2, 10.0, 20.0, 40.0));
  }

  @Test
  void median_evenCount_lowerMiddleFrequencyAndMeanOfMiddlesOtherwise() {
    // Frequency 0, 1, 2, 5 → lower middle 1; since 2, 5, 10, 12 → 7.5; age 4, 10, 20, 30 → 15;
    // spend of the repeaters 10, 30, 50 → 30.
    List<CustomerRfm> four = List.of(customer("a", 0, 0, 10, 0.0), customer("b", 2, 8, 20, 30.0),
        customer("c", 5, 25, 30, 50.0), customer("d", 1, 2, 4, 10.0));
    assertThat(ReferenceCustomer.median(four)).isEqualTo(new ReferenceCustomer(1, 7.5, 15.0, 30.0));
  }

  @Test
  void median_noRepeaters_meanSpendZero_singleCustomerIsItself() {
    assertThat(ReferenceCustomer.median(List.of(customer("a", 0, 0, 10, 0.0), customer("b", 0, 0, 4, 0.0))))
        .isEqualTo(new ReferenceCustomer(0, 7.0, 7.0, 0.0));
    assertThat(ReferenceCustomer.median(List.of(customer("a", 3, 6, 10, 12.5))))
        .isEqualTo(new ReferenceCustomer(3, 4.0, 10.0, 12.5));
  }

  @Test
  void median_cdnow_oneTimeBuyerMajority() {
    List<CustomerRfm> all = CdnowValueFixture.customers();
    long oneTime = all.stream().filter(c -> c.frequency() == 0).count();
    assertThat(oneTime).isGreaterThan(all.size() / 2); // 1,411 of 2,357
    ReferenceCustomer r = ReferenceCustomer.median(all);
    assertThat(r.frequency()).isZero();
    assertThat(r.timeSinceLastPurchase()).isLessThanOrEqualTo(r.age());
    assertThat(r.meanSpend()).isPositive();
  }

  @Test
  void referenceCustomer_invalid_namesTheField() {
    assertInvalid(() -> ReferenceCustomer.median(List.of()), "customers");
    assertInvalid(() -> new ReferenceCustomer(-1, 1, 2, 3), "frequency");
    assertInvalid(() -> new ReferenceCustomer(1, -1, 2, 3), "timeSinceLastPurchase");
    assertInvalid(() -> new ReferenceCustomer(1, 3, 2, 3), "timeSinceLastPurchase");
    assertInvalid(() -> new ReferenceCustomer(1, Double.NaN, 2, 3), "timeSinceLastPurchase");
    assertInvalid(() -> new ReferenceCustomer(1, 1, Double.POSITIVE_INFINITY, 3), "timeSinceLastPurchase");
    assertInvalid(() -> new ReferenceCustomer(1, 1, 2, -3), "meanSpend");
    assertInvalid(() -> new ReferenceCustomer(1, 1, 2, Double.NaN), "meanSpend");
    assertInvalid(() -> new ReferenceCustomer(1, 1, 2, Double.POSITIVE_INFINITY), "meanSpend");
    assertThat(new ReferenceCustomer(0, 0, 0, 0).age()).isZero();
  }

  private static Map<Factor, ValueDriver> byFactor(ValueDrivers d) {
    Map<Factor, ValueDriver> out = new EnumMap<>(Factor.class);
    d.drivers().forEach(v -> out.put(v.factor(), v));
    return out;
  }

  /** The reference as a customer: its last purchase {@code timeSinceLastPurchase} before the end. */
  private static CustomerRfm asCustomer(ReferenceCustomer r) {
    double recency = r.frequency() == 0 ? 0.0 : r.age() - r.timeSinceLastPurchase();
    return customer("reference", r.frequency(), recency, r.age(), r.frequency() == 0 ? 0.0 : r.meanSpend());
  }
}

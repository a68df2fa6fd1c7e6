package dev.custintel.analytics.clv;

import static dev.custintel.analytics.clv.CdnowValueFixture.USD;
import static dev.custintel.analytics.clv.CdnowValueFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import dev.custintel.analytics.clv.summary.PeriodUnit;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CustomerValueModel}: batch against single valuation, invariants of the result, hard data, arguments. */
class CustomerValueModelTest {

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void values_equalValueOfEachCustomer_inOrder(PurchaseModelKind kind) {
    CustomerValueModel model = CdnowValueFixture.valueModel(kind);
    // All of CDNOW, shuffled so equal summaries are scattered, plus customers sharing a summary but not a spend.
    List<CustomerRfm> customers = new ArrayList<>(CdnowValueFixture.customers());
    Collections.shuffle(customers, new Random(3));
    customers.add(customer("same-1", 2, 30.43, 38.86, 5.0));
    customers.add(customer("same-2", 2, 30.43, 38.86, 500.0));
    ValuationOptions options = ValuationOptions.defaults();

    List<CustomerValue> batch = model.values(customers, options);

    assertThat(batch).hasSize(customers.size());
    for (int i = 0; i < customers.size(); i++) {
      CustomerRfm c = customers.get(i);
      assertThat(batch.get(i).customerId()).isEqualTo(c.customerId());
      // Record equality compares every double exactly.
      assertThat(batch.get(i)).as("%s customer %s", kind, c.customerId()).isEqualTo(model.value(c, options));
    }
    CustomerValue low = batch.get(batch.size() - 2);
    CustomerValue high = batch.get(batch.size() - 1);
    assertThat(low.probabilityAlive()).isEqualTo(high.probabilityAlive());
    assertThat(low.expectedPurchases()).isEqualTo(high.expectedPurchases());
    assertThat(low.value()).isLessThan(high.value());
  }

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void values_cdnow_finiteAndConsistent(PurchaseModelKind kind) {
    CustomerValueModel model = CdnowValueFixture.valueModel(kind);
    List<CustomerValue> values = model.values(CdnowValueFixture.customers(), ValuationOptions.defaults());
    assertThat(values).hasSize(2357);
    for (CustomerValue v : values) {
      String who = kind + " " + v;
      double[] all = {v.recency(), v.age(), v.monetaryValue(), v.probabilityAlive(), v.expectedPurchases(),
          v.expectedSpend(), v.value(), v.valueLow(), v.valueHigh(), v.valueIfAlive(), v.valueAtRisk()};
      assertThat(Arrays.stream(all).boxed().toList()).as(who).allMatch(Double::isFinite);
      assertThat(v.probabilityAlive()).as(who).isBetween(0.0, 1.0);
      assertThat(v.churnRisk()).as(who).isEqualTo(1.0 - v.probabilityAlive());
      assertThat(v.expectedPurchases()).as(who).isGreaterThanOrEqualTo(0.0);
      assertThat(v.expectedSpend()).as(who).isPositive();
      assertThat(v.valueLow()).as(who).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(v.value());
      assertThat(v.value()).as(who).isLessThanOrEqualTo(v.valueHigh());
      assertThat(v.value()).as(who).isLessThanOrEqualTo(v.valueIfAlive() * (1 + 1e-12));
      assertThat(v.valueAtRisk()).as(who)
          .isCloseTo((1.0 - v.probabilityAlive()) * v.valueIfAlive(), within(1e-12 * v.valueIfAlive()));
      assertThat(v.value() + v.valueAtRisk()).as(who).isCloseTo(v.valueIfAlive(), within(1e-9 * v.valueIfAlive()));
    }
    // The point values lie strictly inside their intervals where the value is positive and uncertain.
    assertThat(values).filteredOn(v -> v.value() > 1e-3)
        .allMatch(v -> v.valueLow() < v.value() && v.value() < v.valueHigh());
    if (kind == PurchaseModelKind.BG_NBD) {
      // A BG/NBD customer cannot have left before a repeat purchase.
      assertThat(values).filteredOn(v -> v.frequency() == 0)
          .isNotEmpty()
          .allMatch(v -> v.probabilityAlive() == 1.0 && v.churnRisk() == 0.0 && v.valueAtRisk() == 0.0);
    } else {
      assertThat(values).filteredOn(v -> v.frequency() == 0).allMatch(v -> v.churnRisk() > 0.0);
    }
  }

  @Test
  void values_emptyList_givesEmptyList() {
    assertThat(CdnowValueFixture.mbgValueModel().values(List.of(), ValuationOptions.defaults())).isEmpty();
  }

  @Test
  void accessors_returnWhatTheModelWasBuiltWith() {
    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    assertThat(model.purchases()).isSameAs(CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD));
    assertThat(model.spend()).isSameAs(CdnowValueFixture.spend());
    assertThat(model.unit()).isEqualTo(PeriodUnit.WEEKS);
    assertThat(model.currency()).isEqualTo(USD);
  }

  @Test
  void value_sameDataInDays_sameValueAsInWeeks() {
    // Refit the purchase model on the same customers with times in days (×7): the horizon is converted to each
    // model's unit, so the values agree up to the fits' convergence (parameters agree to about 1e-5 relative).
    List<RfmSummary> days = CdnowValueFixture.summaries().stream()
        .map(s -> RfmSummary.of(s.frequency(), s.recency() * 7, s.age() * 7)).toList();
    CustomerValueModel inDays = CustomerValueModel.of(
        ModifiedBgNbdModel.fit(days, BgNbdOptions.defaults()), CdnowValueFixture.spend(), PeriodUnit.DAYS, USD);
    CustomerValueModel inWeeks = CdnowValueFixture.mbgValueModel();
    for (String id : List.of("1", "6", "157", "814", "1001")) {
      CustomerRfm w = CdnowValueFixture.byId(id);
      CustomerRfm d = new CustomerRfm(id, w.frequency(), w.recency() * 7, w.age() * 7, w.monetaryValue(),
          w.firstPurchaseAmount(), w.firstPurchaseDay());
      CustomerValue vw = inWeeks.value(w, ValuationOptions.defaults());
      CustomerValue vd = inDays.value(d, ValuationOptions.defaults());
      assertThat(vd.value()).as(id).isCloseTo(vw.value(), within(1e-4 * vw.value()));
      assertThat(vd.valueLow()).as(id).isCloseTo(vw.valueLow(), within(1e-3 * vw.value()));
      assertThat(vd.valueHigh()).as(id).isCloseTo(vw.valueHigh(), within(1e-3 * vw.value()));
      assertThat(vd.expectedPurchases()).as(id)
          .isCloseTo(vw.expectedPurchases(), within(1e-4 * vw.expectedPurchases()));
    }
  }

  // --- hard data -------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void value_repeatBuyerWithoutPositiveSpend_isZeroWithEmptyInterval(PurchaseModelKind kind) {
    CustomerValueModel model = CdnowValueFixture.valueModel(kind);
    for (CustomerRfm c : List.of(customer("free", 3, 20, 38, 0.0), customer("refunds", 3, 20, 38, -12.5))) {
      for (CustomerValue v : List.of(model.value(c, ValuationOptions.defaults()),
          model.values(List.of(c), ValuationOptions.defaults()).get(0))) {
        assertThat(v.expectedSpend()).as(v.toString()).isZero();
        assertThat(v.value()).isZero();
        assertThat(v.valueLow()).isZero();
        assertThat(v.valueHigh()).isZero();
        assertThat(v.valueIfAlive()).isZero();
        assertThat(v.valueAtRisk()).isZero();
        // The purchase side is still predicted.
        assertThat(v.probabilityAlive()).isPositive();
        assertThat(v.expectedPurchases()).isPositive();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void value_frequentBuyerWhoStoppedLongAgo_finiteWithPAliveNearZero(PurchaseModelKind kind) {
    CustomerValueModel model = CdnowValueFixture.valueModel(kind);
    for (CustomerRfm c : List.of(customer("lapsed", 50, 1, 200, 30.0), customer("gone", 500, 1, 2000, 30.0))) {
      CustomerValue v = model.value(c, ValuationOptions.defaults());
      String who = kind + " " + v;
      double[] all = {v.probabilityAlive(), v.expectedPurchases(), v.expectedSpend(), v.value(), v.valueLow(),
          v.valueHigh(), v.valueIfAlive(), v.valueAtRisk()};
      assertThat(Arrays.stream(all).boxed().toList()).as(who).allMatch(Double::isFinite);
      assertThat(v.probabilityAlive()).as(who).isBetween(0.0, 1e-20);
      assertThat(v.value()).as(who).isBetween(0.0, 1e-15);
      assertThat(v.valueLow()).as(who).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(v.value());
      assertThat(v.valueHigh()).as(who).isGreaterThanOrEqualTo(v.value()).isLessThan(1e-10);
      // Were the customer still there, 50+ purchases in 200+ weeks would be worth a lot.
      assertThat(v.valueIfAlive()).as(who).isGreaterThan(100.0);
      assertThat(v.valueAtRisk()).as(who).isCloseTo(v.valueIfAlive(), within(1e-9 * v.valueIfAlive()));
      assertThat(model.values(List.of(c), ValuationOptions.defaults()).get(0)).isEqualTo(v);
    }
  }

  @Test
  void of_modelsWithoutCovariance_rejectedNamingTheModel() {
    PurchaseModel fitted = CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD);
    GammaGammaModel spend = CdnowValueFixture.spend();
    for (PurchaseModelKind kind : PurchaseModelKind.values()) {
      PurchaseModel given = kind.of(0.5, 6.0, 0.9, 1.6);
      assertThat(given.covariance()).isEmpty();
      assertInvalid(() -> CustomerValueModel.of(given, spend, PeriodUnit.WEEKS, USD), "purchases");
    }
    GammaGammaModel givenSpend = GammaGammaModel.of(new GammaGammaParameters(6.0, 3.7, 15.0));
    assertInvalid(() -> CustomerValueModel.of(fitted, givenSpend, PeriodUnit.WEEKS, USD), "spend");
  }

  @Test
  void of_spendFitWithQAtMostOne_rejectedNamingParameters() {
    GammaGammaModel heavyTailed = HeavyTailedSpend.fit();
    assertThat(heavyTailed.parameters().q()).isLessThanOrEqualTo(1.0);
    assertThat(heavyTailed.covariance()).isPresent();
    PurchaseModel purchases = CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD);
    InvalidInputException e =
        assertInvalid(() -> CustomerValueModel.of(purchases, heavyTailed, PeriodUnit.WEEKS, USD), "parameters");
    assertThat(e.reason()).contains("q");
  }

  @Test
  void nullArguments_rejectedByName() {
    PurchaseModel p = CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD);
    GammaGammaModel s = CdnowValueFixture.spend();
    assertNullArgument(() -> CustomerValueModel.of(null, s, PeriodUnit.WEEKS, USD), "purchases");
    assertNullArgument(() -> CustomerValueModel.of(p, null, PeriodUnit.WEEKS, USD), "spend");
    assertNullArgument(() -> CustomerValueModel.of(p, s, null, USD), "unit");
    assertNullArgument(() -> CustomerValueModel.of(p, s, PeriodUnit.WEEKS, null), "currency");

    CustomerValueModel model = CdnowValueFixture.mbgValueModel();
    CustomerRfm c = CdnowValueFixture.byId("1");
    ValuationOptions o = ValuationOptions.defaults();
    ReferenceCustomer r = ReferenceCustomer.median(CdnowValueFixture.customers());
    assertNullArgument(() -> model.value(null, o), "customer");
    assertNullArgument(() -> model.value(c, null), "options");
    assertNullArgument(() -> model.values(null, o), "customers");
    assertNullArgument(() -> model.values(List.of(c), null), "options");
    assertInvalid(() -> model.values(Arrays.asList(c, null, c), o), "customers[1]");
    assertNullArgument(() -> model.drivers(null, r, o), "customer");
    assertNullArgument(() -> model.drivers(c, null, o), "reference");
    assertNullArgument(() -> model.drivers(c, r, null), "options");
  }

  static InvalidInputException assertInvalid(Executable call, String field) {
    InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, call);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
    return e;
  }

  /** A null argument: NullPointerException whose message is the parameter's name. */
  static void assertNullArgument(Executable call, String parameter) {
    NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, call);
    assertThat(e.getMessage()).isEqualTo(parameter);
  }

  @Test
  void assertInvalid_failsOnOtherField() {
    // The helper itself must be able to fail.
    assertThatThrownBy(() -> assertInvalid(() -> {
      throw InvalidInputException.argument("other", "x");
    }, "purchases")).isInstanceOf(AssertionError.class);
  }
}

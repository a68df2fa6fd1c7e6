package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.analytics.clv.summary.PeriodUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The typed-horizon overloads convert to the named unit and nothing else. */
class TypedHorizonTest {

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void typedHorizonsConvertToTheNamedUnit(PurchaseModelKind kind) {
    PurchaseModel weekly = kind.fit(CdnowSummaries.load());
    RfmSummary customer = RfmSummary.of(2, 30.43, 38.86);
    assertThat(weekly.expectedPurchases(Horizon.weeks(39), PeriodUnit.WEEKS))
        .isEqualTo(weekly.expectedPurchases(39.0));
    assertThat(weekly.conditionalExpectedPurchases(Horizon.months(12), PeriodUnit.WEEKS, customer))
        .isEqualTo(weekly.conditionalExpectedPurchases(365.25 / 7.0, customer));
    // The same span in days on a model read as daily is a different (longer) horizon in the model's eyes: the unit
    // named is what the number means.
    assertThat(weekly.expectedPurchases(Horizon.weeks(39), PeriodUnit.DAYS))
        .isEqualTo(weekly.expectedPurchases(273.0))
        .isGreaterThan(weekly.expectedPurchases(39.0));
  }
}

package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Predictions and likelihood at given parameters, against /work/shared/specs/analytics-reference.md and mpmath. */
class BgNbdModelTest {

  private static final BgNbdModel PUBLISHED = BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
  private static final BgNbdModel CLVTOOLS =
      BgNbdModel.of(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881));

  @Test
  void probabilityOfPurchases_publishedPointChecks_match() {
    assertThat(PUBLISHED.probabilityOfPurchases(10, 2)).isCloseTo(1.07869e-07, within(1.07869e-07 * 1e-5));
    assertThat(PUBLISHED.probabilityOfPurchases(0, 39)).isCloseTo(0.5737864, offset(1e-7));
    double[] expected = {
      0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638,
      0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260
    };
    for (int n = 11; n <= 20; n++) {
      assertThat(PUBLISHED.probabilityOfPurchases(n, 30)).as("n=%s", n)
          .isCloseTo(expected[n - 11], offset(1e-10));
    }
  }

  @Test
  void probabilityOfPurchases_sumOverN_isOne() {
    double sum = 0.0;
    for (int n = 0; n <= 2000; n++) {
      sum += PUBLISHED.probabilityOfPurchases(n, 39);
    }
    // The tail beyond 2000 is below 1e-6 for these parameters (it decays like a power of n for a < 1).
    assertThat(sum).isCloseTo(1.0, offset(1e-5));
  }

  @Test
  void probabilityOfPurchases_zeroHorizon_isPointMassAtZero() {
    assertThat(PUBLISHED.probabilityOfPurchases(0, 0)).isEqualTo(1.0);
    assertThat(PUBLISHED.probabilityOfPurchases(3, 0)).isZero();
  }

  @Test
  void logLikelihoodOf_singleCustomers_matchPublished() {
    BgNbdModel model = BgNbdModel.of(new BgNbdParameters(0.25, 4, 0.8, 2.5));
    assertThat(model.logLikelihoodOf(RfmSummary.of(0, 0, 40))).isCloseTo(-0.59947382, offset(1e-8));
    assertThat(model.logLikelihoodOf(RfmSummary.of(200, 38, 40))).isCloseTo(100.7957, offset(1e-4));
  }

  @Test
  void logLikelihoodOf_weightedSummary_isWeightTimesSingle() {
    BgNbdModel model = BgNbdModel.of(new BgNbdParameters(0.25, 4, 0.8, 2.5));
    double single = model.logLikelihoodOf(RfmSummary.of(3, 12.5, 40));
    assertThat(model.logLikelihoodOf(new RfmSummary(3, 12.5, 40, 7))).isCloseTo(7 * single, offset(1e-12));
  }

  @Test
  void probabilityAlive_noRepeatPurchases_isOne() {
    assertThat(CLVTOOLS.probabilityAlive(RfmSummary.of(0, 0, 38.86))).isEqualTo(1.0);
  }

  @Test
  void probabilityAlive_frequentBuyerGoneLongAgo_isZeroNotNaN() {
    double p = CLVTOOLS.probabilityAlive(RfmSummary.of(1000, 10, 100));
    assertThat(p).isNotNaN().isCloseTo(0.0, offset(1e-300));
    double e = CLVTOOLS.conditionalExpectedPurchases(52, RfmSummary.of(1000, 10, 100));
    assertThat(e).isNotNaN().isCloseTo(0.0, offset(1e-300));
  }

  @Test
  void probabilityAlive_recentBuyer_isBetweenZeroAndOne() {
    double p = CLVTOOLS.probabilityAlive(RfmSummary.of(2, 30.43, 38.86));
    assertThat(p).isStrictlyBetween(0.0, 1.0);
  }

  @Test
  void expectedPurchases_clvToolsParameters_matchMpmathTo1e10() {
    // mpmath hyp2f1 at 50 digits; t = 78 also checked by quadrature of E_p[(1 − (α/(α+pt))^r) / p].
    assertThat(CLVTOOLS.expectedPurchases(1)).isCloseTo(0.053184281689748682, within(1e-10));
    assertThat(CLVTOOLS.expectedPurchases(78)).isCloseTo(1.8579560091180702, within(1e-10));
    assertThat(CLVTOOLS.expectedPurchases(1000)).isCloseTo(6.5728979700300277, within(1e-9));
  }

  @Test
  void expectedPurchases_aExactlyOne_usesTheLimit() {
    // Quadrature of the defining integral at a = 1 (mpmath): 1.1929899415748308.
    BgNbdModel model = BgNbdModel.of(new BgNbdParameters(0.25, 4, 1.0, 2.5));
    assertThat(model.expectedPurchases(39)).isCloseTo(1.1929899415748308, within(1e-8));
  }

  @Test
  void expectedPurchases_aPlusBAtMostOne_throwsNamingParameters() {
    BgNbdModel model = BgNbdModel.of(new BgNbdParameters(0.25, 4, 0.4, 0.5));
    assertThatThrownBy(() -> model.expectedPurchases(10))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parameters"));
  }

  @Test
  void conditionalExpectedPurchases_matchesMpmath() {
    assertThat(CLVTOOLS.conditionalExpectedPurchases(39, RfmSummary.of(2, 30.43, 38.86)))
        .isCloseTo(1.2259057045100346, within(1e-10));
    // Large x: the hypergeometric factor alone is ~1e136 here; the product must stay exact.
    assertThat(CLVTOOLS.conditionalExpectedPurchases(52, RfmSummary.of(200, 38, 40)))
        .isCloseTo(4.1155040183122792, within(1e-9));
    assertThat(CLVTOOLS.conditionalExpectedPurchases(52, RfmSummary.of(1000, 99, 100)))
        .isCloseTo(32.452841602323019, within(1e-8));
  }

  @Test
  void conditionalExpectedPurchases_zeroHorizon_isZero() {
    assertThat(CLVTOOLS.conditionalExpectedPurchases(0, RfmSummary.of(2, 30.43, 38.86))).isZero();
  }

  @Test
  void predictions_negativeOrInfiniteHorizon_throwNamingT() {
    RfmSummary s = RfmSummary.of(1, 1, 2);
    assertThatThrownBy(() -> CLVTOOLS.expectedPurchases(-1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("t"));
    assertThatThrownBy(() -> CLVTOOLS.conditionalExpectedPurchases(Double.POSITIVE_INFINITY, s))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("t"));
    assertThatThrownBy(() -> CLVTOOLS.probabilityOfPurchases(1, Double.NaN))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("t"));
    assertThatThrownBy(() -> CLVTOOLS.probabilityOfPurchases(-1, 1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("n"));
  }

  @Test
  void of_modelWithoutFit_hasNoFitInformation() {
    assertThat(CLVTOOLS.standardErrors()).isEmpty();
    assertThat(CLVTOOLS.logLikelihood()).isEmpty();
    assertThat(CLVTOOLS.diagnostics()).isEmpty();
  }

  @Test
  void rfmSummary_invalidFields_throwNamingTheField() {
    assertField(() -> RfmSummary.of(-1, 0, 10), "frequency");
    assertField(() -> RfmSummary.of(2, 11, 10), "recency");
    assertField(() -> RfmSummary.of(0, 3, 10), "recency");
    assertField(() -> RfmSummary.of(1, -1, 10), "recency");
    assertField(() -> RfmSummary.of(0, 0, Double.NaN), "age");
    assertField(() -> new RfmSummary(1, 1, 10, 0), "weight");
  }

  @Test
  void bgNbdParameters_nonPositive_throwNamingTheParameter() {
    assertField(() -> new BgNbdParameters(0, 1, 1, 1), "r");
    assertField(() -> new BgNbdParameters(1, Double.POSITIVE_INFINITY, 1, 1), "alpha");
    assertField(() -> new BgNbdParameters(1, 1, -1, 1), "a");
    assertField(() -> new BgNbdParameters(1, 1, 1, Double.NaN), "b");
  }

  @Test
  void fit_emptyList_throwsNamingSummaries() {
    assertField(() -> BgNbdModel.fit(List.of(), BgNbdOptions.defaults()), "summaries");
  }

  @Test
  void fit_noRepeatPurchases_throwsNamingSummaries() {
    List<RfmSummary> none = List.of(RfmSummary.of(0, 0, 10), RfmSummary.of(0, 0, 20));
    assertField(() -> BgNbdModel.fit(none, BgNbdOptions.defaults()), "summaries");
  }

  @Test
  void fit_nullElement_throwsNamingTheIndex() {
    List<RfmSummary> withNull = new ArrayList<>();
    withNull.add(RfmSummary.of(1, 1, 10));
    withNull.add(null);
    assertField(() -> BgNbdModel.fit(withNull, BgNbdOptions.defaults()), "summaries[1]");
  }

  @Test
  void fit_iterationBudgetTooSmall_reportsNotConvergedWithFiniteEstimates() {
    BgNbdModel model = BgNbdModel.fit(CdnowSummaries.load(), new BgNbdOptions(2, 1e-7,
        new BgNbdParameters(1, 1, 1, 1)));
    FitDiagnostics d = model.diagnostics().orElseThrow();
    assertThat(d.converged()).isFalse();
    assertThat(d.iterations()).isEqualTo(2);
    assertThat(model.logLikelihood().getAsDouble()).isFinite();
  }

  @Test
  void bgNbdOptions_invalid_throwNamingTheOption() {
    BgNbdParameters start = new BgNbdParameters(1, 1, 1, 1);
    assertField(() -> new BgNbdOptions(0, 1e-7, start), "maxIterations");
    assertField(() -> new BgNbdOptions(10, 0, start), "gradientTolerance");
  }

  private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}

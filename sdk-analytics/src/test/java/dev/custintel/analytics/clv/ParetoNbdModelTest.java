package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.internal.ParetoNbdFormulas;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pareto/NBD likelihood and predictions at given parameters, against /work/shared/specs/analytics-reference.md
 * and mpmath (40 digits, hyp2f1 in the Fader &amp; Hardie 2005 form).
 */
class ParetoNbdModelTest {

  private static final ParetoNbdParameters REF = new ParetoNbdParameters(0.5534, 10.5802, 0.6061, 11.6562);
  private static final ParetoNbdModel MODEL = ParetoNbdModel.of(REF);

  @Test
  void probabilityAlive_publishedCustomer_is0point9979() {
    double p = MODEL.probabilityAlive(RfmSummary.of(26, 30.86, 31));
    assertThat(p).isCloseTo(0.9979, offset(1e-4));
    assertThat(p).isCloseTo(0.9979177665519067, within(1e-12));
  }

  @Test
  void conditionalExpectedPurchases_matchesMpmath() {
    assertThat(MODEL.conditionalExpectedPurchases(52, RfmSummary.of(26, 30.86, 31)))
        .isCloseTo(25.454913511499725, within(1e-9));
    assertThat(MODEL.conditionalExpectedPurchases(52, RfmSummary.of(0, 0, 38)))
        .isCloseTo(0.14051557385244865, within(1e-12));
    assertThat(MODEL.conditionalExpectedPurchases(0, RfmSummary.of(2, 30.43, 38.86))).isZero();
  }

  @Test
  void expectedPurchases_matchesClosedForm() {
    assertThat(MODEL.expectedPurchases(39)).isCloseTo(1.2131177118615133, within(1e-12));
    assertThat(MODEL.expectedPurchases(78)).isCloseTo(1.9093659969315098, within(1e-12));
    assertThat(MODEL.expectedPurchases(0)).isZero();
  }

  @Test
  void predictions_sEqualsOne_useTheLogarithmicLimit() {
    ParetoNbdModel model = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 10.5802, 1.0, 11.6562));
    assertThat(model.expectedPurchases(39)).isCloseTo(0.89575678409371403, within(1e-12));
    assertThat(model.conditionalExpectedPurchases(52, RfmSummary.of(2, 30.43, 38.86)))
        .isCloseTo(1.4671365352131367, within(1e-10));
    // Continuous across s = 1.
    ParetoNbdModel near = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 10.5802, 1.0 + 1e-9, 11.6562));
    assertThat(near.expectedPurchases(39)).isCloseTo(model.expectedPurchases(39), within(1e-8));
  }

  @Test
  void logLikelihoodOf_matchesMpmath() {
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(0, 0, 38))).isCloseTo(-0.51824000576298209, within(1e-12));
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(2, 30.43, 38.86))).isCloseTo(-9.5545106946144221, within(1e-11));
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(26, 30.86, 31))).isCloseTo(-39.132127883506137, within(1e-10));
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(200, 38, 40))).isCloseTo(76.295637831851764, within(1e-9));
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(1000, 10, 100))).isCloseTo(2876.0352901919116, within(1e-8));
    double single = MODEL.logLikelihoodOf(RfmSummary.of(3, 12.5, 40));
    assertThat(MODEL.logLikelihoodOf(new RfmSummary(3, 12.5, 40, 7))).isCloseTo(7 * single, within(1e-12));
  }

  @Test
  void logLikelihood_alphaAndBetaFormsAgreeNearAlphaEqualsBeta() {
    RfmSummary[] customers = {
      RfmSummary.of(0, 0, 38), RfmSummary.of(2, 30.43, 38.86), RfmSummary.of(26, 30.86, 31),
      RfmSummary.of(1000, 10, 100)
    };
    double beta = 11.0;
    for (double alpha : new double[] {beta * (1 - 1e-7), beta, beta * (1 + 1e-7), 10.5802, 11.6562}) {
      for (RfmSummary c : customers) {
        double alphaForm = ParetoNbdFormulas.logLikelihood(
            0.5534, alpha, 0.6061, beta, c.frequency(), c.recency(), c.age(), true);
        double betaForm = ParetoNbdFormulas.logLikelihood(
            0.5534, alpha, 0.6061, beta, c.frequency(), c.recency(), c.age(), false);
        assertThat(alphaForm).as("alpha=%s %s", alpha, c).isFinite()
            .isCloseTo(betaForm, within(1e-12 * Math.max(1.0, Math.abs(betaForm))));
      }
    }
    // The public evaluation switches form at α = β without a jump.
    RfmSummary c = RfmSummary.of(2, 30.43, 38.86);
    double below = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 11 * (1 - 1e-12), 0.6061, 11)).logLikelihoodOf(c);
    double above = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 11 * (1 + 1e-12), 0.6061, 11)).logLikelihoodOf(c);
    assertThat(below).isCloseTo(above, within(1e-11));
  }

  @Test
  void largeFrequency_noNaNOrInfinity() {
    RfmSummary goneLongAgo = RfmSummary.of(1000, 10, 100);
    assertThat(MODEL.probabilityAlive(goneLongAgo)).isNotNaN().isCloseTo(0.0, offset(1e-300));
    assertThat(MODEL.conditionalExpectedPurchases(52, goneLongAgo)).isNotNaN().isCloseTo(0.0, offset(1e-300));
    RfmSummary recent = RfmSummary.of(100_000, 99.9, 100);
    assertThat(MODEL.logLikelihoodOf(recent)).isFinite();
    assertThat(MODEL.probabilityAlive(recent)).isBetween(0.0, 1.0).isNotNaN();
    assertThat(MODEL.conditionalExpectedPurchases(52, recent)).isFinite().isPositive();
  }

  @Test
  void logLikelihood_argumentCloseToOne_matchesMpmath() {
    // α = 1000 β: the hypergeometric argument is within 1e-3 of 1 (long series, still within the work bound).
    ParetoNbdModel model = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 100, 0.6061, 0.1));
    assertThat(model.logLikelihoodOf(RfmSummary.of(0, 0, 38))).isCloseTo(-0.011358377528680157, within(1e-12));
    assertThat(model.logLikelihoodOf(RfmSummary.of(3, 1, 38))).isCloseTo(-14.728196030949827, within(1e-10));
    ParetoNbdModel mirrored = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 0.1, 0.6061, 100));
    assertThat(mirrored.logLikelihoodOf(RfmSummary.of(0, 0, 38))).isCloseTo(-3.0833769100818377, within(1e-10));
    assertThat(mirrored.logLikelihoodOf(RfmSummary.of(3, 1, 38))).isCloseTo(-6.8005523753770188, within(1e-10));
  }

  @Test
  void logLikelihood_argumentTooCloseToOne_failsWithTypedErrorInsteadOfLooping() {
    ParetoNbdModel model = ParetoNbdModel.of(new ParetoNbdParameters(0.5534, 1e9, 0.6061, 1e-3));
    assertField(() -> model.logLikelihoodOf(RfmSummary.of(0, 0, 38)), "parameters");
    assertField(() -> model.probabilityAlive(RfmSummary.of(0, 0, 38)), "parameters");
  }

  @Test
  void badInput_throwsNamingTheField() {
    assertField(() -> new ParetoNbdParameters(0, 1, 1, 1), "r");
    assertField(() -> new ParetoNbdParameters(1, Double.POSITIVE_INFINITY, 1, 1), "alpha");
    assertField(() -> new ParetoNbdParameters(1, 1, -1, 1), "s");
    assertField(() -> new ParetoNbdParameters(1, 1, 1, Double.NaN), "beta");
    ParetoNbdParameters start = new ParetoNbdParameters(1, 1, 1, 1);
    assertField(() -> new ParetoNbdOptions(0, 1e-7, start), "maxIterations");
    assertField(() -> new ParetoNbdOptions(10, 0, start), "gradientTolerance");
    RfmSummary s = RfmSummary.of(1, 1, 2);
    assertField(() -> MODEL.expectedPurchases(-1), "t");
    assertField(() -> MODEL.conditionalExpectedPurchases(Double.POSITIVE_INFINITY, s), "t");
    assertField(() -> MODEL.conditionalExpectedPurchases(Double.NaN, s), "t");
    assertField(() -> ParetoNbdModel.fit(List.of(), ParetoNbdOptions.defaults()), "summaries");
    List<RfmSummary> none = List.of(RfmSummary.of(0, 0, 10), RfmSummary.of(0, 0, 20));
    assertField(() -> ParetoNbdModel.fit(none, ParetoNbdOptions.defaults()), "summaries");
    List<RfmSummary> withNull = new ArrayList<>();
    withNull.add(RfmSummary.of(1, 1, 10));
    withNull.add(null);
    assertField(() -> ParetoNbdModel.fit(withNull, ParetoNbdOptions.defaults()), "summaries[1]");
  }

  @Test
  void of_modelWithoutFit_hasNoFitInformation() {
    assertThat(MODEL.standardErrors()).isEmpty();
    assertThat(MODEL.logLikelihood()).isEmpty();
    assertThat(MODEL.diagnostics()).isEmpty();
    assertThat(MODEL.parameters()).isEqualTo(REF);
  }

  @Test
  void fit_iterationBudgetTooSmall_reportsNotConvergedWithFiniteEstimates() {
    ParetoNbdModel model = ParetoNbdModel.fit(CdnowSummaries.load(),
        new ParetoNbdOptions(2, 1e-7, new ParetoNbdParameters(1, 1, 1, 1)));
    FitDiagnostics d = model.diagnostics().orElseThrow();
    assertThat(d.converged()).isFalse();
    assertThat(d.iterations()).isEqualTo(2);
    assertThat(model.logLikelihood().getAsDouble()).isFinite();
  }

  private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}

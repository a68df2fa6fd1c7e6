package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fit on the CDNOW sample (weeks) against the published Pareto/NBD estimates (CLVTools, lifetimes). */
class ParetoNbdModelFitTest {

  private static List<RfmSummary> cdnow;
  private static ParetoNbdModel fitted;

  @BeforeAll
  static void fitOnce() {
    cdnow = CdnowSummaries.load();
    fitted = ParetoNbdModel.fit(cdnow, ParetoNbdOptions.defaults());
  }

  @Test
  void fit_cdnow_parametersMatchPublishedToRelative1e2() {
    // Published: r 0.553, α 10.578, s 0.606, β 11.669 (CLVTools correctness tests; lifetimes tests).
    ParetoNbdParameters p = fitted.parameters();
    assertThat(p.r()).isCloseTo(0.553, within(0.553 * 1e-2));
    assertThat(p.alpha()).isCloseTo(10.578, within(10.578 * 1e-2));
    assertThat(p.s()).isCloseTo(0.606, within(0.606 * 1e-2));
    assertThat(p.beta()).isCloseTo(11.669, within(11.669 * 1e-2));
  }

  @Test
  void fit_cdnow_logLikelihoodMatchesPublished() {
    assertThat(fitted.logLikelihood()).hasValueCloseTo(-9595.0, offset(0.1));
    assertThat(fitted.logLikelihoodOf(cdnow)).isCloseTo(fitted.logLikelihood().getAsDouble(), offset(1e-6));
  }

  @Test
  void fit_cdnow_convergedWithStandardErrors() {
    FitDiagnostics d = fitted.diagnostics().orElseThrow();
    assertThat(d.converged()).isTrue();
    assertThat(d.distinctSummaries()).isLessThan(cdnow.size());
    ParetoNbdStandardErrors se = fitted.standardErrors().orElseThrow();
    for (double v : new double[] {se.r(), se.alpha(), se.s(), se.beta()}) {
      assertThat(v).isFinite().isPositive();
    }
  }

  @Test
  void conditionalExpectedPurchases_fittedModel_matchesPublished() {
    RfmSummary customer = RfmSummary.of(26, 30.86, 31);
    assertThat(fitted.conditionalExpectedPurchases(52, customer)).isCloseTo(25.46, offset(0.01));
  }
}

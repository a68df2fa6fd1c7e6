package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.core.generate.BgNbdParameters;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MBG/NBD fit on the CDNOW sample (weeks) against the reference values of lifetimes' tests
 * (r 0.525, α 6.183, a 0.891, b 1.614; /work/shared/specs/analytics-reference.md).
 */
class ModifiedBgNbdModelFitTest {

  private static final BgNbdModel BG_NBD_CLVTOOLS =
      BgNbdModel.of(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881));

  private static List<RfmSummary> cdnow;
  private static ModifiedBgNbdModel fitted;

  @BeforeAll
  static void fitOnce() {
    cdnow = CdnowSummaries.load();
    fitted = ModifiedBgNbdModel.fit(cdnow, BgNbdOptions.defaults());
  }

  @Test
  void fit_cdnow_parametersMatchReferenceToRelative1e2() {
    BgNbdParameters p = fitted.parameters();
    assertThat(p.r()).isCloseTo(0.525, within(0.525 * 1e-2));
    assertThat(p.alpha()).isCloseTo(6.183, within(6.183 * 1e-2));
    assertThat(p.a()).isCloseTo(0.891, within(0.891 * 1e-2));
    assertThat(p.b()).isCloseTo(1.614, within(1.614 * 1e-2));
  }

  @Test
  void fit_cdnow_logLikelihoodConsistentAndFinite() {
    double ll = fitted.logLikelihood().orElseThrow();
    // Our optimum (no published MBG/NBD log-likelihood for CDNOW is in the reference); slightly above the
    // BG/NBD's −9582.429 with the same number of parameters.
    assertThat(ll).isCloseTo(-9582.133, offset(0.01));
    assertThat(fitted.logLikelihoodOf(cdnow)).isCloseTo(ll, offset(1e-6));
    // The maximum beats the reference point (rounded to 3 decimals) and the start point.
    ModifiedBgNbdModel reference = ModifiedBgNbdModel.of(new BgNbdParameters(0.525, 6.183, 0.891, 1.614));
    assertThat(ll).isGreaterThanOrEqualTo(reference.logLikelihoodOf(cdnow));
    assertThat(reference.logLikelihoodOf(cdnow)).isCloseTo(ll, offset(0.05));
  }

  @Test
  void fit_cdnow_convergedWithStandardErrors() {
    FitDiagnostics d = fitted.diagnostics().orElseThrow();
    assertThat(d.converged()).isTrue();
    assertThat(d.gradientNorm()).isLessThan(1e-7);
    assertThat(d.distinctSummaries()).isLessThan(cdnow.size());
    BgNbdStandardErrors se = fitted.standardErrors().orElseThrow();
    BgNbdParameters p = fitted.parameters();
    // Positive, finite and well below the estimates (the parameters are well identified on 2,357 customers).
    for (double[] pair : new double[][] {{se.r(), p.r()}, {se.alpha(), p.alpha()}, {se.a(), p.a()}, {se.b(), p.b()}}) {
      assertThat(pair[0]).isPositive().isLessThan(0.6 * pair[1]);
    }
  }

  @Test
  void fit_weightedInput_sameAsExpanded() {
    List<RfmSummary> doubled = List.of(new RfmSummary(2, 30.43, 38.86, 2), RfmSummary.of(0, 0, 38.86),
        RfmSummary.of(0, 0, 30));
    List<RfmSummary> expanded = List.of(RfmSummary.of(2, 30.43, 38.86), RfmSummary.of(0, 0, 38.86),
        RfmSummary.of(2, 30.43, 38.86), RfmSummary.of(0, 0, 30));
    assertThat(fitted.logLikelihoodOf(doubled)).isCloseTo(fitted.logLikelihoodOf(expanded), offset(1e-10));
  }

  @Test
  void conditionalExpectedPurchases_cdnowCustomers_sameOrderAsBgNbd() {
    // One-time buyers, light and heavy repeaters, recent and lapsed.
    List<RfmSummary> customers = List.of(
        RfmSummary.of(2, 30.43, 38.86), RfmSummary.of(1, 1.71, 38.86), RfmSummary.of(0, 0, 38.86),
        RfmSummary.of(0, 0, 31), RfmSummary.of(5, 35, 38), RfmSummary.of(14, 36.14, 37.86),
        RfmSummary.of(3, 10, 38));
    for (RfmSummary s : customers) {
      double mbg = fitted.conditionalExpectedPurchases(39, s);
      double bg = BG_NBD_CLVTOOLS.conditionalExpectedPurchases(39, s);
      assertThat(mbg).as("%s", s).isPositive();
      assertThat(mbg / bg).as("%s: MBG %s vs BG %s", s, mbg, bg).isBetween(0.33, 3.0);
    }
    // Customer 1 of CDNOW: BG/NBD's published 1.226; the MBG/NBD gives a similar figure.
    assertThat(fitted.conditionalExpectedPurchases(39, RfmSummary.of(2, 30.43, 38.86)))
        .isCloseTo(1.226, offset(0.15));
  }

  @Test
  void conditionalExpectedPurchases_summedOverCdnow_closeToBgNbdForecast() {
    // Holdout weeks 40–78 had 4,339 − 2,457 = 1,882 repeat transactions. Both models under-forecast it on this
    // sample (BG/NBD ≈ 1,653, MBG/NBD ≈ 1,577); the MBG/NBD is a little lower because one-time buyers may have
    // left. Check the MBG/NBD total is within 10% of the BG/NBD's and below the actual.
    double mbg = 0.0;
    double bg = 0.0;
    for (RfmSummary s : cdnow) {
      mbg += fitted.conditionalExpectedPurchases(39, s);
      bg += BG_NBD_CLVTOOLS.conditionalExpectedPurchases(39, s);
    }
    assertThat(mbg).isCloseTo(bg, within(0.10 * bg)).isCloseTo(1577, within(5.0)).isLessThan(1882);
  }

  @Test
  void probabilityAlive_oneTimeBuyers_belowOneUnderMbgButOneUnderBg() {
    RfmSummary oneTimer = RfmSummary.of(0, 0, 38.86);
    assertThat(BG_NBD_CLVTOOLS.probabilityAlive(oneTimer)).isEqualTo(1.0);
    assertThat(fitted.probabilityAlive(oneTimer)).isBetween(0.1, 0.9);
  }
}

package dev.custintel.analytics.clv;

import static dev.custintel.analytics.clv.CustomerValueModelTest.assertInvalid;
import static dev.custintel.analytics.clv.CustomerValueModelTest.assertNullArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link PurchaseModelKind}, the {@link PurchaseModel} interface and the fits' covariances. */
class PurchaseModelKindTest {

  private static final List<RfmSummary> CUSTOMERS = List.of(RfmSummary.of(0, 0, 38.86), RfmSummary.of(1, 1.71, 38.86),
      RfmSummary.of(2, 30.43, 38.86), RfmSummary.of(7, 29.43, 38.86), RfmSummary.of(29, 37.71, 38.0),
      RfmSummary.of(7, 5.57, 34.29), RfmSummary.of(50, 1, 200));

  @Test
  void ids_roundTrip() {
    assertThat(PurchaseModelKind.values()).extracting(PurchaseModelKind::id)
        .containsExactly("bgnbd", "mbgnbd", "paretoNbd");
    for (PurchaseModelKind k : PurchaseModelKind.values()) {
      assertThat(PurchaseModelKind.fromId(k.id())).isSameAs(k);
      assertThat(k.parameterNames()).hasSize(4);
    }
    assertThat(PurchaseModelKind.PARETO_NBD.parameterNames()).containsExactly("r", "alpha", "s", "beta");
    assertThat(PurchaseModelKind.BG_NBD.parameterNames()).containsExactly("r", "alpha", "a", "b");
  }

  @Test
  void fromId_unknown_namesModel() {
    for (String id : new String[] {"BGNBD", "bg_nbd", "pareto", "", " mbgnbd"}) {
      assertThat(assertInvalid(() -> PurchaseModelKind.fromId(id), "model").reason())
          .contains("bgnbd, mbgnbd, paretoNbd", "(was " + id + ")");
    }
  }

  @Test
  void of_wrongCount_namesParameters_invalidValue_namesTheParameter() {
    for (PurchaseModelKind k : PurchaseModelKind.values()) {
      assertInvalid(() -> k.of(1, 2, 3), "parameters");
      assertInvalid(() -> k.of(1, 2, 3, 4, 5), "parameters");
      assertInvalid(() -> k.of(), "parameters");
      assertInvalid(() -> k.of(1, -2, 3, 4), "alpha");
      assertInvalid(() -> k.of(1, 2, 3, Double.NaN), k.parameterNames().get(3));
    }
  }

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void of_givenParameters_rightKindWithoutFitInformation(PurchaseModelKind kind) {
    PurchaseModel m = kind.of(0.5, 6.0, 0.9, 1.6);
    assertThat(m.kind()).isEqualTo(kind);
    assertThat(m.covariance()).isEmpty();
    assertThat(m.diagnostics()).isEmpty();
    assertThat(m.logParameters()).containsExactly(
        new double[] {Math.log(0.5), Math.log(6.0), Math.log(0.9), Math.log(1.6)}, within(1e-15));
    PurchaseModel same = m.withLogParameters(m.logParameters());
    assertThat(same.kind()).isEqualTo(kind);
    for (RfmSummary s : CUSTOMERS) {
      assertThat(same.probabilityAlive(s)).isCloseTo(m.probabilityAlive(s), within(1e-14));
      double e = m.conditionalExpectedPurchases(10, s);
      assertThat(same.conditionalExpectedPurchases(10, s)).isCloseTo(e, within(1e-12 * Math.max(e, 1e-300)));
    }
    assertInvalid(() -> m.withLogParameters(new double[3]), "logParameters");
    // Another point: the model changes.
    PurchaseModel other = m.withLogParameters(new double[] {Math.log(1.0), Math.log(6.0), Math.log(0.9), 0.47});
    assertThat(other.conditionalExpectedPurchases(10, CUSTOMERS.get(2)))
        .isGreaterThan(m.conditionalExpectedPurchases(10, CUSTOMERS.get(2)));
  }

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void fit_cdnow_rightKindWithCovariance(PurchaseModelKind kind) {
    PurchaseModel fitted = CdnowValueFixture.purchases(kind);
    assertThat(fitted.kind()).isEqualTo(kind);
    assertThat(fitted.covariance()).isPresent();
    assertThat(fitted.diagnostics()).hasValueSatisfying(d -> assertThat(d.converged()).isTrue());
    // A model rebuilt from the log-parameters predicts the same but carries no fit information.
    PurchaseModel rebuilt = fitted.withLogParameters(fitted.logParameters());
    assertThat(rebuilt.covariance()).isEmpty();
    assertThat(rebuilt.diagnostics()).isEmpty();
    for (RfmSummary s : CUSTOMERS) {
      double e = fitted.conditionalExpectedPurchases(20, s);
      assertThat(rebuilt.conditionalExpectedPurchases(20, s)).isCloseTo(e, within(1e-12 * Math.max(e, 1e-300)));
    }
  }

  @ParameterizedTest
  @EnumSource(PurchaseModelKind.class)
  void expectedPurchasesIfAlive_timesPAlive_isConditionalExpectation(PurchaseModelKind kind) {
    PurchaseModel m = CdnowValueFixture.purchases(kind);
    for (RfmSummary s : CUSTOMERS) {
      assertThat(m.expectedPurchasesIfAlive(0.0, s)).isZero();
      double previous = 0.0;
      for (double t : new double[] {1, 10, 52.18, 200}) {
        double ifAlive = m.expectedPurchasesIfAlive(t, s);
        double conditional = m.conditionalExpectedPurchases(t, s);
        String who = kind + " " + s + " t=" + t;
        assertThat(ifAlive).as(who).isFinite().isGreaterThan(previous);
        assertThat(ifAlive * m.probabilityAlive(s)).as(who).isCloseTo(conditional, within(1e-12 * ifAlive));
        assertThat(ifAlive).as(who).isGreaterThanOrEqualTo(conditional * (1 - 1e-12));
        previous = ifAlive;
      }
    }
    // Finite and substantial even where P(alive) underflows.
    RfmSummary gone = RfmSummary.of(500, 1, 2000);
    assertThat(m.probabilityAlive(gone)).isLessThan(1e-100);
    assertThat(m.expectedPurchasesIfAlive(52, gone)).isFinite().isGreaterThan(1.0);
    assertInvalid(() -> m.expectedPurchasesIfAlive(-1, CUSTOMERS.get(0)), "t");
    assertInvalid(() -> m.expectedPurchasesIfAlive(Double.NaN, CUSTOMERS.get(0)), "t");
    assertNullArgument(() -> m.expectedPurchasesIfAlive(1, null), "summary");
  }

  @Test
  void fits_covariancePresentExactlyWithStandardErrors_andStandardErrorsFollowByDeltaMethod() {
    BgNbdModel bg = (BgNbdModel) CdnowValueFixture.purchases(PurchaseModelKind.BG_NBD);
    BgNbdStandardErrors bgSe = bg.standardErrors().orElseThrow();
    checkDelta(bg.covariance().orElseThrow(), new double[] {bg.parameters().r(), bg.parameters().alpha(),
        bg.parameters().a(), bg.parameters().b()}, new double[] {bgSe.r(), bgSe.alpha(), bgSe.a(), bgSe.b()});

    ModifiedBgNbdModel mbg = (ModifiedBgNbdModel) CdnowValueFixture.purchases(PurchaseModelKind.MODIFIED_BG_NBD);
    BgNbdStandardErrors mbgSe = mbg.standardErrors().orElseThrow();
    checkDelta(mbg.covariance().orElseThrow(), new double[] {mbg.parameters().r(), mbg.parameters().alpha(),
        mbg.parameters().a(), mbg.parameters().b()}, new double[] {mbgSe.r(), mbgSe.alpha(), mbgSe.a(), mbgSe.b()});

    ParetoNbdModel pareto = (ParetoNbdModel) CdnowValueFixture.purchases(PurchaseModelKind.PARETO_NBD);
    ParetoNbdStandardErrors pSe = pareto.standardErrors().orElseThrow();
    ParetoNbdParameters pp = pareto.parameters();
    checkDelta(pareto.covariance().orElseThrow(), new double[] {pp.r(), pp.alpha(), pp.s(), pp.beta()},
        new double[] {pSe.r(), pSe.alpha(), pSe.s(), pSe.beta()});

    for (GammaGammaModel gg : List.of(CdnowValueFixture.spend(), HeavyTailedSpend.fit())) {
      GammaGammaStandardErrors se = gg.standardErrors().orElseThrow();
      GammaGammaParameters g = gg.parameters();
      checkDelta(gg.covariance().orElseThrow(), new double[] {g.p(), g.q(), g.gamma()},
          new double[] {se.p(), se.q(), se.gamma()});
    }

    // Given parameters: neither.
    assertThat(BgNbdModel.of(bg.parameters()).standardErrors()).isEmpty();
    assertThat(BgNbdModel.of(bg.parameters()).covariance()).isEmpty();
    assertThat(GammaGammaModel.of(CdnowValueFixture.spend().parameters()).standardErrors()).isEmpty();
    assertThat(GammaGammaModel.of(CdnowValueFixture.spend().parameters()).covariance()).isEmpty();

    // Every fit of a few small data sets, whether or not its Hessian was positive definite: both or neither.
    List<List<SpendSummary>> spendData = List.of(List.of(new SpendSummary(1, 10.0)),
        List.of(new SpendSummary(1, 10.0), new SpendSummary(2, 10.0)),
        List.of(new SpendSummary(1, 5.0), new SpendSummary(3, 20.0), new SpendSummary(2, 8.0)));
    for (List<SpendSummary> data : spendData) {
      GammaGammaModel gg = GammaGammaModel.fit(data, GammaGammaOptions.defaults());
      assertThat(gg.covariance().isPresent()).as(gg.toString()).isEqualTo(gg.standardErrors().isPresent());
    }
    List<List<RfmSummary>> rfmData = List.of(List.of(RfmSummary.of(1, 1, 2)),
        List.of(RfmSummary.of(1, 1, 2), RfmSummary.of(0, 0, 3)), CUSTOMERS);
    for (List<RfmSummary> data : rfmData) {
      for (PurchaseModelKind kind : PurchaseModelKind.values()) {
        PurchaseModel m = kind.fit(data);
        boolean se;
        if (m instanceof BgNbdModel b) {
          se = b.standardErrors().isPresent();
        } else if (m instanceof ModifiedBgNbdModel b) {
          se = b.standardErrors().isPresent();
        } else {
          se = ((ParetoNbdModel) m).standardErrors().isPresent();
        }
        assertThat(m.covariance().isPresent()).as(kind + " " + data).isEqualTo(se);
      }
    }
  }

  private static void checkDelta(ParameterCovariance c, double[] theta, double[] se) {
    for (int i = 0; i < theta.length; i++) {
      double expected = theta[i] * Math.sqrt(c.logCovariance(i, i));
      assertThat(se[i]).as("%s se[%d]", c, i).isPositive().isCloseTo(expected, within(1e-12 * expected));
    }
  }
}

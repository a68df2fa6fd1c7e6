package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.internal.SpecialFunctions;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.generate.BgNbdParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * MBG/NBD predictions and likelihood at given parameters, checked against closed forms derived by hand,
 * numerical integration of the defining mixtures over p, and a seeded simulation of the purchase process.
 */
class ModifiedBgNbdModelTest {

  private static final double R = 0.525;
  private static final double ALPHA = 6.183;
  private static final double A = 0.891;
  private static final double B = 1.614;
  private static final ModifiedBgNbdModel MODEL = ModifiedBgNbdModel.of(new BgNbdParameters(R, ALPHA, A, B));

  // ---- P(alive) ----

  @Test
  void probabilityAlive_oneTimeBuyer_matchesClosedFormAndBayes() {
    for (double age : new double[] {0.0, 1.0, 10.0, 38.86, 100.0, 1e4}) {
      double p = MODEL.probabilityAlive(RfmSummary.of(0, 0, age));
      double closedForm = 1.0 / (1.0 + A / B * Math.pow(1.0 + age / ALPHA, R));
      // Bayes: alive and silent, b/(a+b) · (α/(α+T))^r, against dropped right after the trial purchase, a/(a+b).
      double aliveSilent = B / (A + B) * Math.pow(ALPHA / (ALPHA + age), R);
      double bayes = aliveSilent / (aliveSilent + A / (A + B));
      assertThat(p).as("T=%s", age).isCloseTo(closedForm, within(1e-14)).isCloseTo(bayes, within(1e-14));
      assertThat(p).isLessThan(1.0).isPositive();
    }
    assertThat(MODEL.probabilityAlive(RfmSummary.of(0, 0, 0))).isCloseTo(B / (A + B), within(1e-15));
  }

  @Test
  void probabilityAlive_oneTimeBuyer_decreasingInAge() {
    double previous = 1.0;
    for (int age = 0; age <= 200; age += 5) {
      double p = MODEL.probabilityAlive(RfmSummary.of(0, 0, age));
      assertThat(p).as("T=%s", age).isLessThan(previous);
      previous = p;
    }
  }

  @Test
  void probabilityAlive_repeatBuyer_matchesClosedForm() {
    double p = MODEL.probabilityAlive(RfmSummary.of(3, 20, 38));
    double expected = 1.0 / (1.0 + A / (B + 3) * Math.pow((ALPHA + 38) / (ALPHA + 20), R + 3));
    assertThat(p).isCloseTo(expected, within(1e-14));
    // Buying right up to T: alive with probability 1 / (1 + a/(b+x)).
    assertThat(MODEL.probabilityAlive(RfmSummary.of(3, 38, 38))).isCloseTo(1.0 / (1.0 + A / (B + 3)), within(1e-14));
  }

  @Test
  void probabilityAlive_extremeFrequency_zeroOrFiniteNotNaN() {
    assertThat(MODEL.probabilityAlive(RfmSummary.of(1000, 10, 100))).isEqualTo(0.0);
    double recent = MODEL.probabilityAlive(RfmSummary.of(1000, 99.99, 100));
    assertThat(recent).isBetween(0.0, 1.0).isNotNaN();
    assertThat(MODEL.conditionalExpectedPurchases(52, RfmSummary.of(1000, 10, 100))).isEqualTo(0.0);
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(1000, 10, 100))).isFinite();
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(1000, 99.99, 100))).isFinite();
  }

  @Test
  void conditionalExpectedPurchases_extremeFrequencyStillActive_aboutPosteriorRateTimesHorizon() {
    // x = 1000 up to T = 100: λ | data ≈ Gamma(r + x, α + T), mean ≈ 9.41 a week; p | alive ≈ Beta(a, b + 1001),
    // so over one week dropout barely matters: E ≈ P(alive) · 9.41.
    RfmSummary s = RfmSummary.of(1000, 100, 100);
    double value = MODEL.conditionalExpectedPurchases(1, s);
    double rate = (R + 1000) / (ALPHA + 100);
    assertThat(value).isCloseTo(MODEL.probabilityAlive(s) * rate, within(0.01 * rate));
  }

  // ---- likelihood ----

  @Test
  void logLikelihoodOf_oneTimeBuyer_matchesClosedForm() {
    double age = 38.86;
    double expected = Math.log(B / (A + B) * Math.pow(ALPHA / (ALPHA + age), R) + A / (A + B));
    assertThat(MODEL.logLikelihoodOf(RfmSummary.of(0, 0, age))).isCloseTo(expected, within(1e-13));
    assertThat(MODEL.logLikelihoodOf(new RfmSummary(0, 0, age, 7))).isCloseTo(7 * expected, within(1e-12));
  }

  @Test
  void logLikelihoodOf_repeatBuyers_matchesNumericalMixtureOverP() {
    // L = E_p[(1−p)^x ((1−p) G(T) + p G(t_x))], G(s) = Γ(r+x) α^r / (Γ(r) (α+s)^{r+x}) (λ integrated out).
    int[][] cases = {{1, 5, 30}, {4, 25, 38}, {12, 37, 39}};
    for (int[] c : cases) {
      int x = c[0];
      double tx = c[1];
      double age = c[2];
      double logG0 = SpecialFunctions.logGamma(R + x) - SpecialFunctions.logGamma(R) + R * Math.log(ALPHA);
      double gT = Math.exp(logG0 - (R + x) * Math.log(ALPHA + age));
      double gTx = Math.exp(logG0 - (R + x) * Math.log(ALPHA + tx));
      double numeric = betaExpectation(p -> Math.pow(1 - p, x) * ((1 - p) * gT + p * gTx), A, B);
      assertThat(MODEL.logLikelihoodOf(RfmSummary.of(x, tx, age))).as("x=%s", x)
          .isCloseTo(Math.log(numeric), within(1e-8));
    }
  }

  // ---- expectations ----

  @Test
  void expectedPurchases_matchesNumericalMixtureOverP() {
    // E[X(t)] = E_p[(1−p)/p · (1 − (α/(α+pt))^r)], λ integrated out; quadrature to ~1e-10.
    for (double t : new double[] {0.5, 1, 10, 39, 78, 200}) {
      double numeric = betaExpectation(p -> (1 - p) * purchasesIfAlive(p, R, ALPHA, t), A, B);
      assertThat(MODEL.expectedPurchases(t)).as("t=%s", t).isCloseTo(numeric, within(1e-7 * Math.max(1, numeric)));
    }
    assertThat(MODEL.expectedPurchases(0)).isZero();
  }

  @Test
  void expectedPurchases_matchesSeededSimulationWithinFourStandardErrors() {
    // Simulate the process itself: λ ~ Gamma(r, α), p ~ Beta(a, b); drop out w.p. p right after the trial purchase
    // at 0 and after every repeat purchase; count repeat purchases in (0, t].
    Random rng = new Random(20070301L);
    int n = 200_000;
    double[] horizons = {10, 39, 78};
    double[] sum = new double[3];
    double[] sumSq = new double[3];
    for (int i = 0; i < n; i++) {
      double lambda = gamma(rng, R) / ALPHA;
      double g1 = gamma(rng, A);
      double p = g1 / (g1 + gamma(rng, B));
      int[] counts = new int[3];
      if (!(rng.nextDouble() < p)) {
        double time = 0.0;
        while (true) {
          time += -Math.log(1.0 - rng.nextDouble()) / lambda;
          if (time > horizons[2]) {
            break;
          }
          for (int h = 0; h < 3; h++) {
            if (time <= horizons[h]) {
              counts[h]++;
            }
          }
          if (rng.nextDouble() < p) {
            break;
          }
        }
      }
      for (int h = 0; h < 3; h++) {
        sum[h] += counts[h];
        sumSq[h] += (double) counts[h] * counts[h];
      }
    }
    for (int h = 0; h < 3; h++) {
      double mean = sum[h] / n;
      double se = Math.sqrt((sumSq[h] / n - mean * mean) / n);
      assertThat(MODEL.expectedPurchases(horizons[h])).as("t=%s (simulated %s ± %s)", horizons[h], mean, se)
          .isCloseTo(mean, within(4 * se));
    }
  }

  @Test
  void conditionalExpectedPurchases_matchesNumericalPosteriorMixture() {
    // E[Y(t) | data] = E_p[(1−p)^{x+1} G(T) · (1 − ((α+T)/(α+T+pt))^{r+x}) / p] / L, with L as above.
    int[][] cases = {{0, 0, 38}, {2, 30, 38}, {7, 20, 39}};
    double t = 39;
    for (int[] c : cases) {
      int x = c[0];
      double tx = c[1];
      double age = c[2];
      double logG0 = SpecialFunctions.logGamma(R + x) - SpecialFunctions.logGamma(R) + R * Math.log(ALPHA);
      double gT = Math.exp(logG0 - (R + x) * Math.log(ALPHA + age));
      double gTx = Math.exp(logG0 - (R + x) * Math.log(ALPHA + tx));
      double likelihood = betaExpectation(p -> Math.pow(1 - p, x) * ((1 - p) * gT + p * gTx), A, B);
      double numerator = betaExpectation(
          p -> Math.pow(1 - p, x + 1) * gT * purchasesIfAlive(p, R + x, ALPHA + age, t), A, B);
      assertThat(MODEL.conditionalExpectedPurchases(t, RfmSummary.of(x, tx, age))).as("x=%s", x)
          .isCloseTo(numerator / likelihood, within(1e-7));
    }
  }

  @Test
  void expectations_continuousAcrossAEqualsOne() {
    for (double t : new double[] {1, 39}) {
      ModifiedBgNbdModel below = ModifiedBgNbdModel.of(new BgNbdParameters(R, ALPHA, 1 - 1e-3, B));
      ModifiedBgNbdModel at = ModifiedBgNbdModel.of(new BgNbdParameters(R, ALPHA, 1, B));
      ModifiedBgNbdModel above = ModifiedBgNbdModel.of(new BgNbdParameters(R, ALPHA, 1 + 1e-3, B));
      double mid = 0.5 * (below.expectedPurchases(t) + above.expectedPurchases(t));
      assertThat(at.expectedPurchases(t)).isCloseTo(mid, within(1e-5));
      RfmSummary s = RfmSummary.of(2, 30, 38);
      double midC = 0.5 * (below.conditionalExpectedPurchases(t, s) + above.conditionalExpectedPurchases(t, s));
      assertThat(at.conditionalExpectedPurchases(t, s)).isCloseTo(midC, within(1e-5));
    }
  }

  @Test
  void expectedPurchases_increasingInHorizon() {
    double previous = 0.0;
    for (int t = 1; t <= 100; t += 3) {
      double e = MODEL.expectedPurchases(t);
      assertThat(e).isGreaterThan(previous);
      previous = e;
    }
    assertThat(MODEL.conditionalExpectedPurchases(0, RfmSummary.of(2, 30, 38))).isZero();
  }

  // ---- invalid input ----

  @Test
  void invalidInput_throwsNamingTheField() {
    RfmSummary s = RfmSummary.of(1, 2, 3);
    assertField(() -> MODEL.expectedPurchases(-1), "t");
    assertField(() -> MODEL.expectedPurchases(Double.NaN), "t");
    assertField(() -> MODEL.conditionalExpectedPurchases(Double.POSITIVE_INFINITY, s), "t");
    assertNullArgument(() -> MODEL.conditionalExpectedPurchases(1, null), "summary");
    assertNullArgument(() -> MODEL.probabilityAlive(null), "summary");
    assertNullArgument(() -> MODEL.logLikelihoodOf((RfmSummary) null), "summary");
    assertNullArgument(() -> ModifiedBgNbdModel.of(null), "parameters");
    assertField(() -> ModifiedBgNbdModel.fit(List.of(), BgNbdOptions.defaults()), "summaries");
    assertNullArgument(() -> ModifiedBgNbdModel.fit(null, BgNbdOptions.defaults()), "summaries");
    assertNullArgument(() -> ModifiedBgNbdModel.fit(List.of(s), null), "options");
    assertField(
        () -> ModifiedBgNbdModel.fit(
            List.of(RfmSummary.of(0, 0, 10), RfmSummary.of(0, 0, 20)), BgNbdOptions.defaults()),
        "summaries");
    List<RfmSummary> withNull = new ArrayList<>();
    withNull.add(s);
    withNull.add(null);
    assertField(() -> ModifiedBgNbdModel.fit(withNull, BgNbdOptions.defaults()), "summaries[1]");
    assertField(() -> new BgNbdParameters(R, ALPHA, -1, B), "a");
    assertField(() -> RfmSummary.of(-1, 0, 3), "frequency");
  }

  /** A null argument: NullPointerException whose message is the parameter's name. */
  private static void assertNullArgument(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(name);
  }

  private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  // ---- independent numerics ----

  // (1 − (β/(β+pt))^s) / p, the expected purchases in t of a customer alive now with rate ~ Gamma(s, β) and
  // dropout p after each purchase; limit s t / β at p = 0.
  private static double purchasesIfAlive(double p, double s, double beta, double t) {
    if (p == 0.0) {
      return s * t / beta;
    }
    return -Math.expm1(-s * Math.log1p(p * t / beta)) / p;
  }

  // E[f(p)] for p ~ Beta(a, b) by composite Simpson on [0, 1/2] and [1/2, 1], with substitutions p = u^{1/a} and
  // 1 − p = v^{1/b} that remove the endpoint singularities of the density.
  private static double betaExpectation(DoubleUnaryOperator f, double a, double b) {
    double left = simpson(u -> {
      double p = Math.pow(u, 1.0 / a);
      return f.applyAsDouble(p) * Math.pow(1.0 - p, b - 1.0) / a;
    }, 0.0, Math.pow(0.5, a));
    double right = simpson(v -> {
      double q = Math.pow(v, 1.0 / b);
      return f.applyAsDouble(1.0 - q) * Math.pow(1.0 - q, a - 1.0) / b;
    }, 0.0, Math.pow(0.5, b));
    return (left + right) / Math.exp(SpecialFunctions.logBeta(a, b));
  }

  private static double simpson(DoubleUnaryOperator g, double lo, double hi) {
    int n = 20_000;
    double h = (hi - lo) / n;
    double sum = g.applyAsDouble(lo) + g.applyAsDouble(hi);
    for (int i = 1; i < n; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * g.applyAsDouble(lo + i * h);
    }
    return sum * h / 3.0;
  }

  // Marsaglia & Tsang (2000) gamma(shape, 1) sampler; shape < 1 via the U^{1/shape} boost.
  private static double gamma(Random rng, double shape) {
    if (shape < 1.0) {
      return gamma(rng, shape + 1.0) * Math.pow(1.0 - rng.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double z = rng.nextGaussian();
      double v = 1.0 + c * z;
      if (v <= 0.0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - rng.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}

package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Pareto/NBD log-likelihood's analytic gradient against high-accuracy central differences (Richardson
 * extrapolation over three steps, error O(h⁶)) of the value, in both forms and both transformations, at the edges
 * the fit can reach; and its value against {@link ParetoNbdFormulas#logLikelihood}, bit for bit.
 */
class ParetoNbdGradientTest {

  /** Relative agreement asked of analytic and numerical derivatives. */
  private static final double TOLERANCE = 1e-7;

  static Stream<Arguments> points() {
    double r = 0.5533;
    double alpha = 10.578;
    double s = 0.6062;
    double beta = 11.669;
    return Stream.of(
        // name, r, α, s, β, x, t_x, T, α form (null: the form logLikelihood chooses)
        point("CDNOW estimates, α < β", r, alpha, s, beta, 2, 30.43, 38.86, null),
        point("α > β", r, 15.0, s, 5.0, 2, 30.43, 38.86, null),
        point("α > β, x = 0, t_x = 0", r, 15.0, s, 5.0, 0, 0.0, 38.86, null),
        point("α < β, x = 0, t_x = 0", r, 5.0, s, 15.0, 0, 0.0, 38.86, null),
        point("α = β exactly", r, 11.0, s, 11.0, 3, 12.5, 40.0, null),
        point("α = β exactly, x = 0", r, 11.0, s, 11.0, 0, 0.0, 40.0, null),
        point("α just above β", r, 11.0 * (1 + 1e-9), s, 11.0, 3, 12.5, 40.0, null),
        point("α just below β", r, 11.0 * (1 - 1e-9), s, 11.0, 3, 12.5, 40.0, null),
        point("w near 0 (α = β (1 + 1e-5))", r, 11.0 * (1 + 1e-5), s, 11.0, 3, 12.5, 40.0, null),
        point("t_x = T", r, alpha, s, beta, 4, 38.0, 38.0, null),
        point("t_x = T, α > β", r, 20.0, s, beta, 4, 38.0, 38.0, null),
        point("t_x = 0, x > 0", r, alpha, s, beta, 1, 0.0, 20.0, null),
        point("t_x just below T", r, alpha, s, beta, 7, 38.0 - 1.0 / 7, 38.0, null),
        point("large x", r, alpha, s, beta, 1000, 10.0, 100.0, null),
        point("large x, recent", r, 20.0, s, beta, 500, 99.0, 100.0, null),
        point("very large x", r, alpha, s, beta, 100_000, 99.9, 100.0, null),
        point("α = 2000 β: w near the term budget", r, 2000.0, s, 1.0, 0, 0.0, 38.0, null),
        point("α = 2000 β, x > 0", r, 2000.0, s, 1.0, 3, 1.0, 38.0, null),
        point("β = 2000 α: w near the term budget", r, 0.05, s, 100.0, 0, 0.0, 38.0, null),
        point("β = 2000 α, x > 0", r, 0.05, s, 100.0, 3, 1.0, 38.0, null),
        point("p close to q (small r, x = 0, α < β)", 1e-4, 1.0, s, 50.0, 0, 0.0, 30.0, null),
        point("tiny parameters", 1e-6, 1e-4, 1e-5, 1e-3, 2, 3.0, 10.0, null),
        point("tiny parameters, α > β", 1e-6, 1e-3, 1e-5, 1e-4, 2, 3.0, 10.0, null),
        point("huge parameters", 1e4, 1e5, 1e3, 1e6, 20, 30.0, 40.0, null),
        point("huge parameters, α > β", 1e4, 1e6, 1e3, 1e5, 20, 30.0, 40.0, null),
        point("huge rate shapes, small scales", 300.0, 2.0, 200.0, 3.0, 5, 20.0, 40.0, null),
        point("Pfaff: α form with α < β", r, 8.0, s, 12.0, 2, 30.43, 38.86, true),
        point("Pfaff: β form with α > β", r, 12.0, s, 8.0, 2, 30.43, 38.86, false),
        point("Pfaff: α form, x = 0", r, 8.0, s, 12.0, 0, 0.0, 38.86, true),
        point("Pfaff: β form, large x", r, 14.0, s, 8.0, 200, 30.0, 40.0, false),
        point("Euler in the other form than chosen: β form at α = β", r, 11.0, s, 11.0, 3, 12.5, 40.0, false));
  }

  private static Arguments point(
      String name, double r, double alpha, double s, double beta, int x, double tx, double age, Boolean alphaForm) {
    return Arguments.of(name, new double[] {r, alpha, s, beta}, x, tx, age, alphaForm);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("points")
  void gradient_matchesRichardsonCentralDifferences(
      String name, double[] p, int x, double tx, double age, Boolean alphaForm) {
    ToDoubleFunction<double[]> lnL = theta -> {
      double r = Math.exp(theta[0]);
      double alpha = Math.exp(theta[1]);
      double s = Math.exp(theta[2]);
      double beta = Math.exp(theta[3]);
      return alphaForm == null
          ? ParetoNbdFormulas.logLikelihood(r, alpha, s, beta, x, tx, age)
          : ParetoNbdFormulas.logLikelihood(r, alpha, s, beta, x, tx, age, alphaForm);
    };
    double[] theta = {Math.log(p[0]), Math.log(p[1]), Math.log(p[2]), Math.log(p[3])};
    double[] gradient = new double[4];
    double value = alphaForm == null
        ? ParetoNbdFormulas.logLikelihoodAndGradient(p[0], p[1], p[2], p[3], x, tx, age, gradient)
        : ParetoNbdFormulas.logLikelihoodAndGradient(p[0], p[1], p[2], p[3], x, tx, age, alphaForm, gradient);
    double expected = alphaForm == null
        ? ParetoNbdFormulas.logLikelihood(p[0], p[1], p[2], p[3], x, tx, age)
        : ParetoNbdFormulas.logLikelihood(p[0], p[1], p[2], p[3], x, tx, age, alphaForm);
    assertThat(value).isEqualTo(expected);
    double[] numeric = richardsonGradient(lnL, theta, 0.04);
    // Steps of 0.04, 0.02 and 0.01 in the log-parameters: the O(h⁶) truncation is far below the rounding of the
    // differences (up to 3e-8 relative with the huge parameters, whose log-likelihood is a difference of terms of
    // 1e5). A derivative's parts can cancel, so it is compared relative to the largest of the four as well.
    double largest = 0.0;
    for (double v : numeric) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int j = 0; j < 4; j++) {
      double analytic = p[j] * gradient[j]; // d ln L / d ln θ_j
      assertThat(analytic).as("%s: d/d ln θ%d", name, j)
          .isCloseTo(numeric[j], within(TOLERANCE * Math.max(Math.abs(numeric[j]), 1e-3 * largest) + 1e-12));
    }
  }

  @Test
  void value_isTheLogLikelihoodToTheLastBit() {
    SplittableRandom random = new SplittableRandom(17);
    double[] gradient = new double[4];
    for (int i = 0; i < 20_000; i++) {
      double r = Math.exp(random.nextDouble(-8, 6));
      double alpha = Math.exp(random.nextDouble(-5, 7));
      double s = Math.exp(random.nextDouble(-8, 6));
      double beta = random.nextInt(10) == 0 ? alpha : alpha * Math.exp(random.nextDouble(-5, 5));
      double age = random.nextDouble(0.1, 150);
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 30 : 3000);
      double tx = x == 0 ? 0.0 : random.nextInt(5) == 0 ? age : random.nextDouble(0, age);
      double expected;
      try {
        expected = ParetoNbdFormulas.logLikelihood(r, alpha, s, beta, x, tx, age);
      } catch (IllegalArgumentException e) {
        assertThatThrownBy(() -> ParetoNbdFormulas.logLikelihoodAndGradient(r, alpha, s, beta, x, tx, age, gradient))
            .isInstanceOf(IllegalArgumentException.class).hasMessage(e.getMessage());
        continue;
      }
      double actual = ParetoNbdFormulas.logLikelihoodAndGradient(r, alpha, s, beta, x, tx, age, gradient);
      assertThat(Double.doubleToRawLongBits(actual)).as("r %s α %s s %s β %s x %s t_x %s T %s", r, alpha, s, beta, x,
          tx, age).isEqualTo(Double.doubleToRawLongBits(expected));
      for (double g : gradient) {
        assertThat(g).isFinite();
      }
    }
  }

  @Test
  void series_valueIsTheSameToTheLastBit_andDerivativesMatchMpmath() {
    // p, q, w, then ∂/∂p, ∂/∂q, ∂/∂w of ln 2F1(p, 1; q; w) from mpmath (50 digits, mpmath.diff of mpmath.hyp2f1).
    // Central differences are no reference here: where p is close to q the value stops early on a tight bracket, and
    // steps small enough to stay in 0 < p ≤ q see the bracket's midpoint move, not the function.
    double[][] cases = {
      {0.5, 1.5, 0.1, 0.069994911149197681, -0.023726011451165817, 0.36515534056966501},
      {0.5, 1.5, 0.9, 1.4325293319922512, -0.65507646561365165, 2.3427771064756518},
      {2.0, 2.001, 0.5, 0.38609086624693169, -0.38592653728886201, 1.9987731422913725},
      {1e-08, 0.00100001, 0.99, 98447.297742156831, -0.98899362536394742, 0.099343267608457794},
      {3.0, 3.000001, 0.999, 5.4205889820819712, -5.4205885927814959, 999.99901085206498},
      {0.7, 1.7, 0.0, 0.0, 0.0, 0.41176470588235293},
      {0.7, 1.7, 1e-12, 5.8823529411792772e-13, -2.422145328721211e-13, 0.41176470588270189},
      {1000000.0, 1000002.0, 0.7, 2.3333123336130688e-6, -2.3333076670086234e-6, 3.3333111113629586},
      {0.001, 10000.0, 0.9995, 9.9960000992600666e-5, -9.9969992992400309e-12, 1.0002000399479696e-7},
      {0.6, 1.6, 0.9995, 4.1660193170983557, -2.9233813167907745, 232.97926393289821},
      {1.0, 50.0, 0.5, 0.01020088679638222, -0.00020601488887745833, 0.020609803319563052},
      // w at the term budget's edge with p/q tiny: the value stops long before the derivatives may.
      {1e-06, 1.0, 0.9995, 7.6009024595421925, -3.0527417330510611e-5, 0.0020000000000002202},
    };
    for (double[] c : cases) {
      double[] d = new double[3];
      double value = ParetoNbdFormulas.logRatioSeries(c[0], c[1], c[2], d);
      String where = java.util.Arrays.toString(java.util.Arrays.copyOf(c, 3));
      assertThat(Double.doubleToRawLongBits(value)).as("value at %s", where)
          .isEqualTo(Double.doubleToRawLongBits(ParetoNbdFormulas.logRatioSeries(c[0], c[1], c[2])));
      for (int j = 0; j < 3; j++) {
        assertThat(d[j]).as("derivative %d at %s", j, where).isCloseTo(c[3 + j], within(1e-10 * Math.abs(c[3 + j])));
      }
    }
    // Below the smallest normal w the terms vanish at once; ∂/∂w is still p/q, the other two ~w.
    double[] d = new double[3];
    assertThat(ParetoNbdFormulas.logRatioSeries(0.7, 1.7, 1e-300, d)).isEqualTo(0.0);
    assertThat(d[2]).isCloseTo(0.7 / 1.7, within(1e-15));
    assertThat(Math.abs(d[0]) + Math.abs(d[1])).isLessThan(1e-299);
  }

  @Test
  void series_tooCloseToOne_failsWhereTheValueFails() {
    double[] d = new double[3];
    for (double w : new double[] {0.9999, 1 - 4e-4, 0.99999999}) {
      assertThatThrownBy(() -> ParetoNbdFormulas.logRatioSeries(0.5, 1.5, w))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ParetoNbdFormulas.logRatioSeries(0.5, 1.5, w, d))
          .isInstanceOf(IllegalArgumentException.class);
    }
    // Just inside the budget, where the derivatives need more terms than the value: both evaluate.
    double w = 1 - 5e-4;
    assertThat(ParetoNbdFormulas.logRatioSeries(1e-6, 1.0, w, d))
        .isEqualTo(ParetoNbdFormulas.logRatioSeries(1e-6, 1.0, w));
    for (double v : d) {
      assertThat(v).isFinite();
    }
  }

  /** Central differences at h, h/2, h/4, extrapolated twice (Richardson): error O(h⁶). */
  static double[] richardsonGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      int jj = j;
      g[j] = richardson(step -> {
        double[] p = x.clone();
        p[jj] += step;
        return f.applyAsDouble(p);
      }, h);
    }
    return g;
  }

  private static double richardson(java.util.function.DoubleUnaryOperator f, double h) {
    double d1 = central(f, h);
    double d2 = central(f, h / 2);
    double d3 = central(f, h / 4);
    double r1 = (4 * d2 - d1) / 3;
    double r2 = (4 * d3 - d2) / 3;
    return (16 * r2 - r1) / 15;
  }

  private static double central(java.util.function.DoubleUnaryOperator f, double h) {
    return (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
  }
}

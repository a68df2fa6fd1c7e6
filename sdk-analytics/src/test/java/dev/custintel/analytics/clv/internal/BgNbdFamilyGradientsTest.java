package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact derivatives valuation uses: the values are those of the formulas bit for bit, and the derivatives agree
 * with central differences of the formulas at random parameters and customers, and near {@code a = 1}, where the
 * formulas average either side.
 */
class BgNbdFamilyGradientsTest {

  @Test
  void logHypergeometric2F1WithDerivatives_sameBitsAsThePlainSeries_derivativesMatchCentralDifferences() {
    SplittableRandom random = new SplittableRandom(11);
    double[] d = new double[4];
    for (int trial = 0; trial < 300; trial++) {
      double a = Math.exp(random.nextDouble(-3, 6));
      double b = Math.exp(random.nextDouble(-3, 6));
      double c = Math.exp(random.nextDouble(-3, 6));
      double z = random.nextDouble(1e-6, 0.97);
      double value = SpecialFunctions.logHypergeometric2F1(a, b, c, z, d);
      assertThat(value).isEqualTo(SpecialFunctions.logHypergeometric2F1(a, b, c, z));
      double[] args = {a, b, c, z};
      for (int j = 0; j < 4; j++) {
        double h = 1e-6 * args[j];
        double[] up = args.clone();
        double[] down = args.clone();
        up[j] += h;
        down[j] -= h;
        double numeric = (SpecialFunctions.logHypergeometric2F1(up[0], up[1], up[2], up[3])
            - SpecialFunctions.logHypergeometric2F1(down[0], down[1], down[2], down[3])) / (up[j] - down[j]);
        assertThat(d[j] * args[j]).as("trial %d, ∂/∂%d of ln 2F1(%s, %s; %s; %s)", trial, j, a, b, c, z)
            .isCloseTo(numeric * args[j], within(1e-7 * (1 + Math.abs(value))));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void probabilityAlive_sameBitsAsTheFormulas_logGradientMatchesCentralDifferences(boolean modified) {
    SplittableRandom random = new SplittableRandom(modified ? 3 : 4);
    double[] g = new double[4];
    for (int trial = 0; trial < 500; trial++) {
      double[] theta = randomTheta(random);
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(60);
      double age = random.nextInt(1, 700) / 7.0;
      double tx = x == 0 ? 0.0 : random.nextInt((int) Math.round(age * 7) + 1) / 7.0;
      double[] p = natural(theta);
      double alive = BgNbdFamilyGradients.probabilityAlive(modified, p[0], p[1], p[2], p[3], x, tx, age, g);
      assertThat(alive).isEqualTo(alive(modified, theta, x, tx, age));
      if (alive < 1e-250) {
        continue;
      }
      for (int j = 0; j < 4; j++) {
        int k = j;
        double numeric = central(t -> Math.log(alive(modified, t, x, tx, age)), theta, k, 1e-6);
        assertThat(g[j]).as("trial %d, ∂ ln P / ∂ ln θ%d", trial, j)
            .isCloseTo(numeric, within(1e-7 * (1 + Math.abs(numeric))));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void expectedPurchasesIfAlive_sameBitsAsTheFormulas_gradientMatchesCentralDifferences(boolean modified) {
    SplittableRandom random = new SplittableRandom(modified ? 5 : 6);
    double[] g = new double[4];
    for (int trial = 0; trial < 300; trial++) {
      double[] theta = randomTheta(random);
      if (trial % 10 == 0) {
        theta[2] = Math.log(1.0 + random.nextDouble(-5e-7, 5e-7)); // the window around a = 1
      } else {
        // Closer to a = 1 the formulas lose digits to the (a − 1) that cancels, and central differences with them.
        while (Math.abs(Math.exp(theta[2]) - 1.0) < 0.05) {
          theta[2] = random.nextDouble(-1.5, 1.5);
        }
        if (!modified) {
          theta[2] = Math.max(theta[2], 0.2); // BG/NBD: a + b + x > 1
        }
      }
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(60);
      double age = random.nextInt(1, 700) / 7.0;
      double t = random.nextDouble(0.1, 60);
      double[] p = natural(theta);
      double e = BgNbdFamilyGradients.expectedPurchasesIfAlive(modified, p[0], p[1], p[2], p[3], x, age, t, g);
      assertThat(e).isEqualTo(expected(modified, theta, x, age, t));
      for (int j = 0; j < 4; j++) {
        if (j == 2 && trial % 10 == 0) {
          continue; // the formulas are flat in a inside the window: no difference to compare with
        }
        int k = j;
        // The expectation of a frequent buyer is a difference of large terms, good to about 1e-12 relative, so the
        // step is 1e-4 (truncation about 1e-8); within the window, where the (a − 1) that cancels leaves about
        // 1e-10, it is 1e-3 and the difference itself is good to a few 1e-4 only.
        boolean window = trial % 10 == 0;
        double numeric = central(th -> expected(modified, th, x, age, t), theta, k, window ? 1e-3 : 1e-4);
        assertThat(g[j]).as("trial %d, ∂E/∂ ln θ%d (E = %s)", trial, j, e)
            .isCloseTo(numeric, within((window ? 1e-3 : 1e-6) * (Math.abs(numeric) + 1e-2 * e)));
      }
    }
  }

  private static double[] randomTheta(SplittableRandom random) {
    return new double[] {random.nextDouble(-2, 1.5), random.nextDouble(0, 3.5), random.nextDouble(-1.5, 1.5),
        random.nextDouble(-0.5, 2.5)};
  }

  private static double[] natural(double[] theta) {
    return new double[] {Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3])};
  }

  private static double alive(boolean modified, double[] theta, int x, double tx, double age) {
    double[] p = natural(theta);
    return modified
        ? ModifiedBgNbdFormulas.probabilityAlive(p[0], p[1], p[2], p[3], x, tx, age)
        : BgNbdFormulas.probabilityAlive(p[0], p[1], p[2], p[3], x, tx, age);
  }

  private static double expected(boolean modified, double[] theta, int x, double age, double t) {
    double[] p = natural(theta);
    return modified
        ? ModifiedBgNbdFormulas.expectedPurchasesIfAlive(p[0], p[1], p[2], p[3], x, age, t)
        : BgNbdFormulas.expectedPurchasesIfAlive(p[0], p[1], p[2], p[3], x, age, t);
  }

  private static double central(java.util.function.ToDoubleFunction<double[]> f, double[] theta, int j, double h) {
    double[] up = theta.clone();
    double[] down = theta.clone();
    up[j] += h;
    down[j] -= h;
    return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
  }
}

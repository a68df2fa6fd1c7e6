package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grouped objective with its exact gradient against the per-customer formulas (value) and against central
 * differences of that value (gradient), at random parameters and data, for both model variants, with enough
 * summaries (40,000) to run in several parallel chunks.
 */
class RfmObjectiveTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void valueAndGradientMatchThePerCustomerFormulas(boolean modified) {
    SplittableRandom random = new SplittableRandom(7);
    int n = 40_000;
    int[] xs = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      age[i] = (1 + random.nextInt(500)) / 7.0;
      xs[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
      tx[i] = xs[i] == 0 ? 0.0 : random.nextInt((int) Math.round(age[i] * 7) + 1) / 7.0;
      w[i] = 1 + random.nextInt(3);
    }
    RfmObjective objective = new RfmObjective(modified, xs, tx, age, w);
    for (int trial = 0; trial < 5; trial++) {
      double[] theta = {random.nextDouble(-2, 1), random.nextDouble(0, 3), random.nextDouble(-1.5, 1),
          random.nextDouble(-0.5, 2)};
      java.util.function.ToDoubleFunction<double[]> reference = t -> {
        double sum = 0.0;
        double total = 0.0;
        for (int i = 0; i < n; i++) {
          double r = Math.exp(t[0]);
          double alpha = Math.exp(t[1]);
          double a = Math.exp(t[2]);
          double b = Math.exp(t[3]);
          double ll = modified
              ? ModifiedBgNbdFormulas.logLikelihood(r, alpha, a, b, xs[i], tx[i], age[i])
              : BgNbdFormulas.logLikelihood(r, alpha, a, b, xs[i], tx[i], age[i]);
          sum += w[i] * ll;
          total += w[i];
        }
        return -sum / total;
      };
      double[] gradient = new double[4];
      double value = objective.valueAndGradient(theta, gradient);
      assertThat(value).isCloseTo(reference.applyAsDouble(theta), within(1e-10 * Math.abs(value)));
      double[] numeric = FiniteDifferences.gradient(reference, theta, 1e-6);
      for (int j = 0; j < 4; j++) {
        assertThat(gradient[j]).as("d/d ln θ%d at trial %d", j, trial)
            .isCloseTo(numeric[j], within(1e-6 * (1 + Math.abs(numeric[j]))));
      }
    }
  }
}

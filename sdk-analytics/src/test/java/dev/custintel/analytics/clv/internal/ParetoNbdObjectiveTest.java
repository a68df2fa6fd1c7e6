package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The grouped Pareto/NBD objective with its exact gradient against the per-customer formula: the value bit for bit
 * within one chunk (the sum a fit without a gradient makes), to rounding over several parallel chunks (of summaries
 * and of the shared (x, t) series), the gradient
 * against Richardson-extrapolated central differences, and {@code +∞} where the series cannot be evaluated.
 */
class ParetoNbdObjectiveTest {

  private record Data(int[] xs, double[] tx, double[] age, double[] w) {}

  private static Data data(int n, long seed) {
    return data(n, 30, seed);
  }

  private static Data data(int n, int maxX, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] xs = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      age[i] = (1 + random.nextInt(500)) / 7.0;
      xs[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(maxX);
      tx[i] = xs[i] == 0 ? 0.0 : random.nextInt((int) Math.round(age[i] * 7) + 1) / 7.0;
      w[i] = 1 + random.nextInt(3);
    }
    return new Data(xs, tx, age, w);
  }

  /** The mean negative log-likelihood as a fit without a gradient sums it: serially, customer by customer. */
  private static ToDoubleFunction<double[]> reference(Data d) {
    return t -> {
      double r = Math.exp(t[0]);
      double alpha = Math.exp(t[1]);
      double s = Math.exp(t[2]);
      double beta = Math.exp(t[3]);
      double sum = 0.0;
      double total = 0.0;
      try {
        for (int i = 0; i < d.xs.length; i++) {
          sum += d.w[i] * ParetoNbdFormulas.logLikelihood(r, alpha, s, beta, d.xs[i], d.tx[i], d.age[i]);
          total += d.w[i];
        }
      } catch (IllegalArgumentException e) {
        return Double.POSITIVE_INFINITY;
      }
      return -sum / total;
    };
  }

  private static double[] randomTheta(SplittableRandom random) {
    return new double[] {random.nextDouble(-2, 1), random.nextDouble(0, 3.5), random.nextDouble(-1.5, 1),
        random.nextDouble(0, 3.5)};
  }

  @Test
  void oneChunk_valueIsThePerCustomerSumToTheLastBit_andGradientMatchesRichardson() {
    Data d = data(3_000, 11);
    ParetoNbdObjective objective = new ParetoNbdObjective(d.xs, d.tx, d.age, d.w);
    // Customers share series: fewer distinct (x, t) points than two per summary.
    assertThat(objective.distinctPoints()).isLessThan(2 * 3_000);
    ToDoubleFunction<double[]> reference = reference(d);
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 6; trial++) {
      double[] theta = randomTheta(random);
      if (trial == 0) {
        theta[3] = theta[1]; // α = β
      }
      double[] gradient = new double[4];
      double value = objective.valueAndGradient(theta, gradient);
      assertThat(Double.doubleToRawLongBits(value)).as("trial %d", trial)
          .isEqualTo(Double.doubleToRawLongBits(reference.applyAsDouble(theta)));
      double[] numeric = ParetoNbdGradientTest.richardsonGradient(reference, theta, 0.04);
      for (int j = 0; j < 4; j++) {
        assertThat(gradient[j]).as("d/d ln θ%d at trial %d", j, trial)
            .isCloseTo(numeric[j], within(1e-7 * (Math.abs(numeric[j]) + 1e-3)));
      }
    }
  }

  @Test
  void severalChunks_valueAndGradientMatchThePerCustomerFormula() {
    Data d = data(ChunkedSums.CHUNK + 4_000, 300, 12);
    ParetoNbdObjective objective = new ParetoNbdObjective(d.xs, d.tx, d.age, d.w);
    // The series of the distinct (x, t) points are computed in parallel chunks too.
    assertThat(objective.distinctPoints()).isGreaterThan(ChunkedSums.CHUNK);
    ToDoubleFunction<double[]> reference = reference(d);
    SplittableRandom random = new SplittableRandom(6);
    for (int trial = 0; trial < 2; trial++) {
      double[] theta = randomTheta(random);
      double[] gradient = new double[4];
      double value = objective.valueAndGradient(theta, gradient);
      assertThat(value).isCloseTo(reference.applyAsDouble(theta), within(1e-12 * Math.abs(value)));
      assertThat(objective.valueAndGradient(theta, new double[4])).as("same value on every call").isEqualTo(value);
      double[] numeric = ParetoNbdGradientTest.richardsonGradient(reference, theta, 0.04);
      for (int j = 0; j < 4; j++) {
        assertThat(gradient[j]).as("d/d ln θ%d at trial %d", j, trial)
            .isCloseTo(numeric[j], within(1e-7 * (Math.abs(numeric[j]) + 1e-3)));
      }
    }
  }

  @Test
  void outsideTheModel_isInfinite_whereThePerCustomerSumIs() {
    Data d = data(500, 13);
    ParetoNbdObjective objective = new ParetoNbdObjective(d.xs, d.tx, d.age, d.w);
    // α = 1e9 β: the series argument is too close to 1 for the term budget.
    double[] far = {Math.log(0.5), Math.log(1e6), Math.log(0.6), Math.log(1e-3)};
    assertThat(reference(d).applyAsDouble(far)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(objective.valueAndGradient(far, new double[4])).isEqualTo(Double.POSITIVE_INFINITY);
    double[] mirrored = {Math.log(0.5), Math.log(1e-3), Math.log(0.6), Math.log(1e6)};
    assertThat(objective.valueAndGradient(mirrored, new double[4])).isEqualTo(Double.POSITIVE_INFINITY);
    // Log-parameters beyond ±50 are outside every model.
    assertThat(objective.valueAndGradient(new double[] {0, 51, 0, 0}, new double[4]))
        .isEqualTo(Double.POSITIVE_INFINITY);
  }
}

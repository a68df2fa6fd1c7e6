package dev.custintel.analytics.clv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two-stage search of large fits (a subsample first, then all the data from its optimum): the same optimum as
 * the search over all the data from the start, within what the gradient tolerance fixes, in fewer evaluations over
 * all the data, and the same bits on every run.
 */
class BfgsCoarseStartTest {
  private static final double TOLERANCE = 1e-7;

  @Test
  void modifiedBgNbd_coarseStart_sameOptimumInFewerFullEvaluations_reproducible() {
    SplittableRandom random = new SplittableRandom(17);
    int n = 120_000;
    int[] xs = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] w = new double[n];
    // Customers of a BG/NBD-like process in days (rate ~ Gamma(1, 10) per day, dropout after each purchase with
    // probability ~ Uniform(0, 1)), each kept as its own summary with a weight of 1 to 3.
    for (int i = 0; i < n; i++) {
      int days = 1 + random.nextInt(700);
      double rate = -Math.log(1 - random.nextDouble()) / 10.0;
      double dropout = random.nextDouble();
      double t = 0.0;
      int last = 0;
      while (random.nextDouble() >= dropout) {
        t += -Math.log(1 - random.nextDouble()) / rate;
        if (t > days) {
          break;
        }
        xs[i]++;
        last = (int) t;
      }
      age[i] = days / 7.0;
      tx[i] = last / 7.0;
      w[i] = 1 + random.nextInt(3);
    }
    assertThat(Subsample.stride(n)).isGreaterThan(1);
    int k = Subsample.stride(n);
    RfmObjective full = new RfmObjective(true, xs, tx, age, w);
    RfmObjective coarse = new RfmObjective(true, Subsample.every(xs, k), Subsample.every(tx, k),
        Subsample.every(age, k), Subsample.every(w, k));
    assertThat(Subsample.every(xs, k)).hasSize((n + k - 1) / k);

    int[] coldEvaluations = {0};
    Bfgs.Result cold = Bfgs.minimize(counting(full, coldEvaluations), new double[4], 500, TOLERANCE);
    int[] warmEvaluations = {0};
    Bfgs.Result warm = Bfgs.minimize(counting(full, warmEvaluations), coarse, new double[4], 500, TOLERANCE);

    assertThat(cold.converged()).isTrue();
    assertThat(warm.converged()).isTrue();
    assertThat(warm.gradientNorm()).isLessThan(TOLERANCE);
    for (int j = 0; j < 4; j++) {
      // A gradient norm below 1e-7 fixes the optimum to about 1e-7 / (smallest curvature) in the log-parameters.
      assertThat(warm.x()[j]).as("ln θ%d", j).isCloseTo(cold.x()[j], within(1e-5));
    }
    assertThat(warm.value()).isCloseTo(cold.value(), within(1e-12 * Math.abs(cold.value())));
    assertThat(warmEvaluations[0]).as("evaluations over all the data").isLessThan(coldEvaluations[0] / 2);
    assertThat(warm.iterations()).isLessThanOrEqualTo(500);

    Bfgs.Result again = Bfgs.minimize(full, coarse, new double[4], 500, TOLERANCE);
    assertThat(again.x()).containsExactly(warm.x());
    assertThat(again.value()).isEqualTo(warm.value());
  }

  @Test
  void coarseNotFiniteAtTheStart_searchesAllTheDataFromTheStart() {
    Bfgs.Objective bowl = (x, g) -> {
      g[0] = 2 * (x[0] - 1);
      return (x[0] - 1) * (x[0] - 1);
    };
    Bfgs.Objective broken = (x, g) -> Double.NaN;
    Bfgs.Result withBroken = Bfgs.minimize(bowl, broken, new double[] {5}, 100, 1e-10);
    Bfgs.Result alone = Bfgs.minimize(bowl, new double[] {5}, 100, 1e-10);
    assertThat(withBroken.x()).containsExactly(alone.x());
    assertThat(withBroken.iterations()).isEqualTo(alone.iterations());
  }

  private static Bfgs.Objective counting(Bfgs.Objective f, int[] count) {
    return (x, g) -> {
      count[0]++;
      return f.valueAndGradient(x, g);
    };
  }
}

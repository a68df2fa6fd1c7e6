package dev.custintel.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delta-method value interval of {@link CustomerValueModel} against Monte Carlo: draw the log-parameters of
 * both fits (MBG/NBD and Gamma-Gamma on CDNOW) independently from their asymptotic normals, value each customer
 * under each draw by the documented formula (public predictions only), and compare the empirical 5% and 95%
 * quantiles with the 90% interval.
 */
class CustomerValueIntervalMonteCarloTest {

  private static final int DRAWS = 4000;
  private static final long SEED = 20240613L;
  /**
   * Allowed distance of each interval end from the Monte Carlo quantile, as a share of the interval's width. With
   * N = 4000 the standard error of an empirical 5% quantile is about sqrt(0.05·0.95/N)/φ(1.645) = 0.033 sd of
   * ln(value), i.e. about 1% of the 3.29-sd width; 10% leaves room for the delta method's linearisation.
   */
  private static final double END_TOLERANCE = 0.10;

  private static CustomerValueModel model;
  private static List<PurchaseModel> purchaseDraws;
  private static List<GammaGammaModel> spendDraws;

  @BeforeAll
  static void draw() {
    model = CdnowValueFixture.mbgValueModel();
    Random random = new Random(SEED);
    PurchaseModel purchases = model.purchases();
    double[][] purchaseLog = drawNormal(random, purchases.logParameters(),
        purchases.covariance().orElseThrow().logCovarianceMatrix(), DRAWS);
    purchaseDraws = Arrays.stream(purchaseLog).map(purchases::withLogParameters).toList();
    GammaGammaParameters g = model.spend().parameters();
    double[] spendMean = {Math.log(g.p()), Math.log(g.q()), Math.log(g.gamma())};
    double[][] spendLog = drawNormal(random, spendMean,
        model.spend().covariance().orElseThrow().logCovarianceMatrix(), DRAWS);
    spendDraws = Arrays.stream(spendLog)
        .map(t -> GammaGammaModel.of(new GammaGammaParameters(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]))))
        .toList();
  }

  @Test
  void drawHelpers_reproduceTheCovariance() {
    // The sampler itself: the sample covariance of the drawn log-parameters matches the fit's within 10% of each
    // variance (the relative sd of a sample variance from 4000 normal draws is sqrt(2/4000) = 2.2%).
    double[][] expected = model.purchases().covariance().orElseThrow().logCovarianceMatrix();
    double[][] drawn = new double[DRAWS][];
    for (int k = 0; k < DRAWS; k++) {
      drawn[k] = purchaseDraws.get(k).logParameters();
    }
    double[] mean = model.purchases().logParameters();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0.0;
        for (double[] d : drawn) {
          s += (d[i] - mean[i]) * (d[j] - mean[j]);
        }
        s /= DRAWS;
        double scale = Math.sqrt(expected[i][i] * expected[j][j]);
        assertThat(Math.abs(s - expected[i][j])).as("cov(%d,%d)", i, j).isLessThan(0.1 * scale);
      }
    }
  }

  @Test
  void interval_matchesMonteCarloQuantiles_forCustomersOfDifferentKinds() {
    // Repeat buyers: ln(value) is close to linear in the log-parameters, and each end is within 10% of the width.
    checkAgainstMonteCarlo(CdnowValueFixture.byId("1"), END_TOLERANCE); // 2 repeat purchases, the last 8 weeks ago
    checkAgainstMonteCarlo(CdnowValueFixture.byId("157"), END_TOLERANCE); // 29 repeat purchases, the last 2 days ago
    checkAgainstMonteCarlo(CdnowValueFixture.byId("814"), END_TOLERANCE); // 7 repeat purchases, none for 29 weeks
    checkAgainstMonteCarlo(CdnowValueFixture.byId("244"), END_TOLERANCE); // spends 194.86 USD a time, lapsed
  }

  @Test
  void interval_oneTimeBuyer_shiftedAgainstMonteCarloButCoverageKept() {
    // A one-time buyer's value depends on ln b (sd 0.33) through P(alive) = 1 / (1 + (a/b)(1 + T/α)^r), which is
    // curved enough that ln(value) is visibly skewed: over seeds 1, 7, 99 and SEED the Monte Carlo 5% and 95%
    // quantiles of ln(value) lie at -2.00 to -2.09 and +1.32 to +1.34 delta-method sd instead of ±1.645, so the
    // symmetric interval sits about 12% of its width above the Monte Carlo one (lower end 11.8%, upper 10.9% with
    // SEED). That is the delta method's linearisation, not noise (1% of the width), so this customer gets 15%;
    // the coverage check below still holds it to 90% ± 4%.
    checkAgainstMonteCarlo(CdnowValueFixture.byId("1001"), 0.15);
  }

  private static void checkAgainstMonteCarlo(CustomerRfm c, double endTolerance) {
    CustomerValue v = model.value(c, ValuationOptions.defaults());
    double[] simulated = new double[DRAWS];
    for (int k = 0; k < DRAWS; k++) {
      simulated[k] = CdnowValueFixture.valueByFormula(purchaseDraws.get(k), spendDraws.get(k), c, 12.0, 0.01);
    }
    Arrays.sort(simulated);
    double q05 = quantile(simulated, 0.05);
    double q95 = quantile(simulated, 0.95);
    double width = v.valueHigh() - v.valueLow();
    String who = "customer " + c.customerId() + " " + v + "; Monte Carlo 5%-95% [" + q05 + ", " + q95 + "]";

    assertThat(width).as(who).isPositive();
    assertThat(Math.abs(v.valueLow() - q05)).as(who).isLessThan(endTolerance * width);
    assertThat(Math.abs(v.valueHigh() - q95)).as(who).isLessThan(endTolerance * width);
    assertThat(v.value()).as(who).isBetween(v.valueLow(), v.valueHigh()).isBetween(q05, q95);

    // The spread itself (what the gradient and the covariances determine): sd of ln(value) over the draws
    // against ln(high / value) / z. The Monte Carlo sd has a relative error of sqrt(1/(2N)) = 1.1%; over seeds
    // 1, 7, 99 and SEED the measured differences were at most 5.2% (the one-time buyer's skew), so 7%.
    double z = 1.6448536269514722; // Φ⁻¹(0.95), scipy.stats.norm.ppf(0.95)
    double deltaSd = Math.log(v.valueHigh() / v.value()) / z;
    assertThat(Math.log(v.value() / v.valueLow()) / z).as(who).isCloseTo(deltaSd, within(1e-9 * deltaSd));
    double mean = Arrays.stream(simulated).map(Math::log).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(simulated).map(x -> Math.pow(Math.log(x) - mean, 2)).sum() / (DRAWS - 1));
    assertThat(sd).as(who).isCloseTo(deltaSd, within(0.07 * deltaSd));

    // Coverage of the 90% interval under the draws: binomial sd sqrt(0.09/N) = 0.005; measured 0.884 to 0.903.
    long inside = Arrays.stream(simulated).filter(x -> x >= v.valueLow() && x <= v.valueHigh()).count();
    assertThat(inside / (double) DRAWS).as(who).isBetween(0.86, 0.94);
  }

  /** {@code n} draws from N(mean, covariance) by a Cholesky factor. */
  static double[][] drawNormal(Random random, double[] mean, double[][] covariance, int n) {
    double[][] l = cholesky(covariance);
    int d = mean.length;
    double[][] out = new double[n][d];
    double[] z = new double[d];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < d; i++) {
        z[i] = random.nextGaussian();
      }
      for (int i = 0; i < d; i++) {
        double s = mean[i];
        for (int j = 0; j <= i; j++) {
          s += l[i][j] * z[j];
        }
        out[k][i] = s;
      }
    }
    return out;
  }

  /** Lower-triangular L with L Lᵀ = a; fails the test if a is not positive definite. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          assertThat(s).as("pivot %d", i).isPositive();
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** Empirical quantile of sorted values, linear interpolation between order statistics (R type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}

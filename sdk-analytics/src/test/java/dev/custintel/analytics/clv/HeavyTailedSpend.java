package dev.custintel.analytics.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Spend data drawn from the Gamma-Gamma model itself with {@code q = 0.7 < 1} (so the population mean spend is
 * infinite), whose fit recovers a {@code q} below 1 with a positive definite Hessian: a fitted spend model that
 * {@link CustomerValueModel#of} must reject.
 */
final class HeavyTailedSpend {

  static final double P = 3.0;
  static final double Q = 0.7;
  static final double GAMMA = 20.0;

  private HeavyTailedSpend() {}

  static GammaGammaModel fit() {
    Random random = new Random(11);
    List<SpendSummary> data = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      int x = 1 + random.nextInt(6);
      double nu = gamma(random, Q) / GAMMA; // ν ~ Gamma(q, rate γ)
      double meanSpend = gamma(random, P * x) / (x * nu); // z̄ | ν ~ Gamma(p x, rate ν x)
      data.add(new SpendSummary(x, meanSpend));
    }
    return GammaGammaModel.fit(data, GammaGammaOptions.defaults());
  }

  /** Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000), boosted for shapes below 1. */
  static double gamma(Random random, double shape) {
    if (shape < 1.0) {
      return gamma(random, shape + 1.0) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1.0 + c * z;
      if (v <= 0.0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}

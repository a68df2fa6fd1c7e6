package dev.custintel.benchmarks;

import dev.custintel.analytics.clv.summary.CustomerRfm;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Calibration summaries of a synthetic customer base, simulated directly (no orders): each customer's first purchase
 * is on a uniformly drawn day of the two years before the calibration end; while alive they buy as a Poisson process
 * with rate λ ~ Gamma(r, α) per week; after each repeat purchase they drop out with probability p ~ Beta(a, b)
 * (BG/NBD); purchases on the same day merge; each purchase's amount is Gamma(shape p_s, rate ν) with
 * ν ~ Gamma(q, γ) (Gamma-Gamma). Times are in weeks, whole days apart, as summaries from real orders are.
 */
final class SyntheticCustomers {
  static final LocalDate CALIBRATION_END = LocalDate.of(2025, 12, 31);
  private static final int DAYS = 728;

  private SyntheticCustomers() {}

  static List<CustomerRfm> generate(int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // CDNOW-like parameters (weeks): r 0.5, α 6, a 0.9, b 1.6; spend p 6, q 4, γ 15.
    double r = 0.5;
    double alpha = 6.0;
    double a = 0.9;
    double b = 1.6;
    List<CustomerRfm> out = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      int age = 1 + random.nextInt(DAYS);
      double lambdaPerDay = gamma(random, r) / alpha / 7.0;
      double dropout = beta(random, a, b);
      double nu = gamma(random, 4.0) / 15.0;
      double firstAmount = gamma(random, 6.0) / nu;
      double t = 0.0;
      int lastDay = 0;
      int repeats = 0;
      double repeatAmount = 0.0;
      while (true) {
        t += -Math.log(1.0 - random.nextDouble()) / lambdaPerDay;
        int day = (int) Math.floor(t);
        if (day > age) {
          break;
        }
        double amount = gamma(random, 6.0) / nu;
        if (day != lastDay) {
          repeats++;
          lastDay = day;
        }
        if (repeats > 0) {
          repeatAmount += amount;
        }
        if (random.nextDouble() < dropout) {
          break;
        }
      }
      BigDecimal monetary = repeats == 0 ? BigDecimal.ZERO
          : BigDecimal.valueOf(repeatAmount / repeats).round(MathContext.DECIMAL64);
      out.add(new CustomerRfm("S" + i, repeats, repeats == 0 ? 0.0 : lastDay / 7.0, age / 7.0, monetary,
          BigDecimal.valueOf(firstAmount).round(MathContext.DECIMAL64), CALIBRATION_END.minusDays(age)));
    }
    return out;
  }

  /** Gamma(shape, 1) by Marsaglia &amp; Tsang (2000), with the shape &lt; 1 boost. */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1.0) {
      return gamma(random, shape + 1.0) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(random);
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  static double beta(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  private static double normal(SplittableRandom random) {
    // Box-Muller; one of the pair is enough here.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}

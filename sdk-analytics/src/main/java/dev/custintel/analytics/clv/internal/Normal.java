package dev.custintel.analytics.clv.internal;

/**
 * The standard normal distribution's CDF and quantile: Φ(x) to about 1e-14 absolute near the centre, and to about
 * 1e-15 relative in either tail's small side (Φ(x) for x ≤ −3, 1 − Φ(x) for x ≥ 3), down to the smallest double
 * (x ≈ −37.5). Not API.
 */
public final class Normal {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2.0 * Math.PI);
  /** Beyond this, Φ(−x) underflows a double. */
  private static final double UNDERFLOW = 38.5;
  /** Where the tail's continued fraction takes over from the series. */
  private static final double TAIL = 3.0;

  private Normal() {}

  /**
   * Φ(x): for |x| < 3 by the series {@code Φ(x) = 1/2 + φ(x) Σ_{n≥0} x^{2n+1} / (1·3·5···(2n+1))}, whose terms are
   * all of one sign; for x ≤ −3 by the continued fraction of the Mills ratio,
   * {@code Φ(x) = φ(x) / (t + 1/(t + 2/(t + 3/(t + …))))} with t = −x, which keeps its relative accuracy however small
   * Φ(x) is (a series would leave 0.5 minus nearly 0.5); and Φ(x) = 1 − Φ(−x) for x ≥ 3.
   *
   * @param x any number
   * @return Φ(x), in [0, 1]
   */
  public static double cdf(double x) {
    if (x <= -TAIL) {
      return lowerTail(-x);
    }
    if (x >= TAIL) {
      return 1.0 - lowerTail(x);
    }
    double term = x;
    double sum = x;
    double x2 = x * x;
    for (int n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
    }
    return 0.5 + Math.exp(-0.5 * x2 - LOG_SQRT_2PI) * sum;
  }

  /** Φ(−t) for t ≥ 3, by the modified Lentz evaluation of the Mills-ratio continued fraction. */
  private static double lowerTail(double t) {
    if (t > UNDERFLOW) {
      return 0.0;
    }
    double tiny = 1e-300;
    double f = t;
    double c = t;
    double d = 0.0;
    for (int n = 1; n < 5_000; n++) {
      d = t + n * d;
      d = d == 0 ? 1 / tiny : 1 / d;
      c = t + n / c;
      if (c == 0) {
        c = tiny;
      }
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-0.5 * t * t - LOG_SQRT_2PI) / f;
  }

  /**
   * The quantile Φ⁻¹(p), by bisection on {@link #cdf} (about 60 halvings: for the few calls per valuation that
   * is cheaper than it sounds, and exact to the CDF's accuracy).
   *
   * @param p a probability strictly between 0 and 1
   * @return z with Φ(z) = p
   * @throws IllegalArgumentException if p is not in (0, 1)
   */
  public static double quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    double lo = -8.5;
    double hi = 8.5;
    for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}

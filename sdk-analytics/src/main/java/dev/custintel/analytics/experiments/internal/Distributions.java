package dev.custintel.analytics.experiments.internal;

import dev.custintel.analytics.clv.internal.SpecialFunctions;

/**
 * Student's t and the chi-square distribution, from the regularized incomplete beta and gamma functions, evaluated
 * by their power series and continued fractions (modified Lentz); relative accuracy about 1e-14 where the values
 * matter for p-values and intervals. Not API.
 */
public final class Distributions {
  private static final double EPS = 1e-16;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 10_000;

  private Distributions() {}

  /**
   * The regularized incomplete beta function {@code I_x(a, b)}.
   *
   * @param x in [0, 1]
   * @param a greater than 0
   * @param b greater than 0
   * @return {@code I_x(a, b)}, in [0, 1]
   */
  public static double regularizedBeta(double x, double a, double b) {
    if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException("need 0 <= x <= 1, a > 0, b > 0: x=" + x + ", a=" + a + ", b=" + b);
    }
    if (x == 0 || x == 1) {
      return x;
    }
    double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - SpecialFunctions.logBeta(a, b));
    // The continued fraction converges fast for x below the mean-ish point; above it, use the symmetry.
    if (x < (a + 1) / (a + b + 2)) {
      return front * betaFraction(x, a, b) / a;
    }
    return 1 - front * betaFraction(1 - x, b, a) / b;
  }

  /** The continued fraction of {@code I_x(a, b)}, by the modified Lentz method. */
  private static double betaFraction(double x, double a, double b) {
    double c = 1;
    double d = nonZero(1 - (a + b) * x / (a + 1));
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
      d = 1 / nonZero(1 + even * d);
      c = nonZero(1 + even / c);
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
      d = 1 / nonZero(1 + odd * d);
      c = nonZero(1 + odd / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPS) {
        return h;
      }
    }
    throw new ArithmeticException("incomplete beta did not converge: x=" + x + ", a=" + a + ", b=" + b);
  }

  /**
   * The upper regularized incomplete gamma function {@code Q(a, x) = 1 − P(a, x)}.
   *
   * @param a greater than 0
   * @param x at least 0
   * @return {@code Q(a, x)}, in [0, 1]
   */
  public static double upperRegularizedGamma(double a, double x) {
    if (!(a > 0) || !(x >= 0)) {
      throw new IllegalArgumentException("need a > 0, x >= 0: a=" + a + ", x=" + x);
    }
    if (x == 0) {
      return 1;
    }
    double front = Math.exp(-x + a * Math.log(x) - SpecialFunctions.logGamma(a));
    if (x < a + 1) {
      // P(a, x) by its series; every term is positive.
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n <= MAX_ITERATIONS; n++) {
        term *= x / (a + n);
        sum += term;
        if (term < sum * EPS) {
          return 1 - sum * front;
        }
      }
      throw new ArithmeticException("incomplete gamma series did not converge: a=" + a + ", x=" + x);
    }
    // Q(a, x) by its continued fraction.
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i <= MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = 1 / nonZero(an * d + b);
      c = nonZero(b + an / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPS) {
        return front * h;
      }
    }
    throw new ArithmeticException("incomplete gamma fraction did not converge: a=" + a + ", x=" + x);
  }

  /**
   * @param t any number
   * @param df degrees of freedom, greater than 0 (not necessarily whole, as Welch's are)
   * @return {@code P(T > |t|) * 2}, the two-sided tail of Student's t
   */
  public static double studentTTwoSided(double t, double df) {
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    return regularizedBeta(df / (df + t * t), df / 2, 0.5);
  }

  /**
   * @param t any number
   * @param df degrees of freedom, greater than 0
   * @return {@code P(T <= t)}
   */
  public static double studentTCdf(double t, double df) {
    double tail = studentTTwoSided(t, df) / 2;
    return t > 0 ? 1 - tail : tail;
  }

  /**
   * The quantile of Student's t, by bisection on {@link #studentTCdf}.
   *
   * @param p a probability in (0, 1)
   * @param df degrees of freedom, greater than 0
   * @return t with {@code P(T <= t) = p}
   */
  public static double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    if (p == 0.5) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    double upper = Math.max(p, 1 - p);
    while (studentTCdf(hi, df) < upper) {
      hi *= 2;
      if (hi > 1e12) {
        break;
      }
    }
    for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
      double mid = 0.5 * (lo + hi);
      if (studentTCdf(mid, df) < upper) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double t = 0.5 * (lo + hi);
    return p > 0.5 ? t : -t;
  }

  /**
   * @param x the statistic, at least 0
   * @param df degrees of freedom, greater than 0
   * @return {@code P(X > x)} for a chi-square variable with {@code df} degrees of freedom
   */
  public static double chiSquareSurvival(double x, double df) {
    return upperRegularizedGamma(df / 2, x / 2);
  }

  private static double nonZero(double v) {
    return Math.abs(v) < TINY ? TINY : v;
  }
}

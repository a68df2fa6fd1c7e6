package dev.custintel.analytics.clv.internal;

/** Log-gamma, log-beta, the Gauss hypergeometric function and a stable {@code ln(1 + e^z)}. Not API. */
public final class SpecialFunctions {

  // Lanczos approximation with g = 671/128 and 14 terms (the coefficients published in Press et al.,
  // Numerical Recipes, 3rd ed., section 6.1); relative error below 1e-15 for x > 0, which keeps the
  // log-likelihood sums (thousands of terms of size ~10) accurate to ~1e-11.
  private static final double[] LANCZOS = {
    57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
    .339946499848118887e-4, .465236289270485756e-4, -.983744753048795646e-4, .158088703224912494e-3,
    -.210264441724104883e-3, .217439618115212643e-3, -.164318106536763890e-3, .844182239838527433e-4,
    -.261908384015814087e-4, .368991826595316234e-5
  };
  private static final double SQRT_2PI = 2.5066282746310005;

  /** Upper bound on series terms for 2F1; about {@code 40 / (1 - z)} are needed, so this allows z up to ~1 - 1e-6. */
  static final int MAX_SERIES_TERMS = 50_000_000;

  private SpecialFunctions() {}

  /**
   * {@code ln Γ(x)} for {@code x > 0}.
   *
   * @param x the argument, greater than 0 and finite
   * @return {@code ln Γ(x)}
   * @throws IllegalArgumentException if {@code x} is not a finite number greater than 0
   */
  public static double logGamma(double x) {
    if (!(x > 0.0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("logGamma needs a finite x > 0 (was " + x + ")");
    }
    if (x < 0.5) {
      // Γ(x) = Γ(x + 1) / x: the Lanczos sum loses relative accuracy as x approaches 0.
      return logGamma(x + 1.0) - Math.log(x);
    }
    double y = x;
    double tmp = x + 5.24218750000000000; // g + 1/2 with g = 671/128
    tmp = (x + 0.5) * Math.log(tmp) - tmp;
    double ser = 0.999999999999997092;
    for (double c : LANCZOS) {
      y += 1.0;
      ser += c / y;
    }
    return tmp + Math.log(SQRT_2PI * ser / x);
  }

  /**
   * The digamma function {@code ψ(x) = d ln Γ(x) / dx} for {@code x > 0}: the recurrence {@code ψ(x) = ψ(x+1) − 1/x}
   * up to {@code x ≥ 6}, then the asymptotic series {@code ln x − 1/(2x) − Σ B_{2k} / (2k x^{2k})} to {@code x^-12},
   * accurate to about 1e-15 there.
   *
   * @param x the argument, greater than 0 and finite
   * @return {@code ψ(x)}
   * @throws IllegalArgumentException if {@code x} is not a finite number greater than 0
   */
  public static double digamma(double x) {
    if (!(x > 0.0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("digamma needs a finite x > 0 (was " + x + ")");
    }
    double shift = 0.0;
    while (x < 6.0) {
      shift -= 1.0 / x;
      x += 1.0;
    }
    double inv = 1.0 / x;
    double inv2 = inv * inv;
    double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
        - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760))))));
    return shift + Math.log(x) - 0.5 * inv - series;
  }

  /**
   * {@code ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)}.
   *
   * @param a greater than 0
   * @param b greater than 0
   * @return {@code ln B(a, b)}
   */
  public static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /**
   * {@code ln(1 + e^z)} without overflow for large {@code z} and without losing small values for very negative
   * {@code z}.
   *
   * @param z any finite number
   * @return {@code ln(1 + e^z)}, 0 or more
   */
  public static double log1pExp(double z) {
    return z > 0.0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /**
   * The Gauss hypergeometric function {@code 2F1(a, b; c; z) = Σ_n (a)_n (b)_n / ((c)_n n!) z^n} for
   * {@code 0 ≤ z < 1} and {@code a, b, c > 0}, summed directly. With all parameters positive every term is
   * positive, so the sum has no cancellation; the terms eventually shrink like {@code z^n}, so about
   * {@code 40 / (1 − z)} terms reach full precision.
   *
   * @param a greater than 0
   * @param b greater than 0
   * @param c greater than 0
   * @param z in {@code [0, 1)}
   * @return the sum, 1 or more
   * @throws IllegalArgumentException if the arguments are out of range or the series does not converge within
   *     {@value #MAX_SERIES_TERMS} terms (z too close to 1) or overflows
   */
  public static double hypergeometric2F1(double a, double b, double c, double z) {
    return series(a, b, c, z, false).sum();
  }

  /**
   * {@code ln 2F1(a, b; c; z)} by the same series as {@link #hypergeometric2F1}, rescaling the running sum so
   * that it cannot overflow when the function is astronomically large (e.g. {@code a, b, c} in the thousands,
   * as in the BG/NBD conditional expectation for very frequent buyers).
   *
   * @param a greater than 0
   * @param b greater than 0
   * @param c greater than 0
   * @param z in {@code [0, 1)}
   * @return {@code ln 2F1(a, b; c; z)}, 0 or more
   * @throws IllegalArgumentException as {@link #hypergeometric2F1}
   */
  public static double logHypergeometric2F1(double a, double b, double c, double z) {
    Series s = series(a, b, c, z, true);
    return s.logScale() + Math.log(s.sum());
  }

  /**
   * {@code ln 2F1(a, b; c; z)} as {@link #logHypergeometric2F1} (the same series, term by term, so the same bits) and
   * its partial derivatives, from the same pass: with {@code t_n} the n-th term, {@code ∂t_n/∂a = t_n Σ_{k<n} 1/(a+k)},
   * likewise for {@code b}, {@code ∂t_n/∂c = −t_n Σ_{k<n} 1/(c+k)} and {@code ∂t_n/∂z = n t_n / z}. All terms are
   * positive, so each derivative series is summed without cancellation; it is cut where the function's series is,
   * which leaves a tail smaller by the same factor up to the slowly growing harmonic sums.
   *
   * @param a greater than 0
   * @param b greater than 0
   * @param c greater than 0
   * @param z in {@code (0, 1)}
   * @param derivatives receives {@code ∂ ln 2F1 / ∂a, ∂b, ∂c, ∂z}; length 4 or more
   * @return {@code ln 2F1(a, b; c; z)}, 0 or more
   * @throws IllegalArgumentException as {@link #hypergeometric2F1}, and if {@code z} is 0
   */
  public static double logHypergeometric2F1(double a, double b, double c, double z, double[] derivatives) {
    if (!(a > 0.0 && b > 0.0 && c > 0.0) || !(z > 0.0 && z < 1.0)) {
      throw new IllegalArgumentException(
          "hypergeometric2F1 needs a, b, c > 0 and 0 < z < 1 (was " + a + ", " + b + ", " + c + ", " + z + ")");
    }
    double logScale = 0.0;
    double term = 1.0;
    double sum = 1.0;
    double harmonicA = 0.0;
    double harmonicB = 0.0;
    double harmonicC = 0.0;
    double da = 0.0;
    double db = 0.0;
    double dc = 0.0;
    double dz = 0.0;
    for (int n = 0; n < MAX_SERIES_TERMS; n++) {
      // Exactly the statements of series(), so that the sum has the same bits.
      double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      term *= ratio;
      sum += term;
      // 1/(a+n), 1/(b+n), 1/(c+n) from one division: a few units in the last place, which a derivative can spare.
      double an = a + n;
      double bn = b + n;
      double cn = c + n;
      double inverse = 1.0 / (an * bn * cn);
      harmonicA += bn * cn * inverse;
      harmonicB += an * cn * inverse;
      harmonicC += an * bn * inverse;
      da += term * harmonicA;
      db += term * harmonicB;
      dc += term * harmonicC;
      dz += term * (n + 1.0);
      double bound = Math.max(ratio, z);
      if (bound < 1.0 && term <= 1e-17 * sum * (1.0 - bound)) {
        derivatives[0] = da / sum;
        derivatives[1] = db / sum;
        derivatives[2] = -dc / sum;
        derivatives[3] = dz / (z * sum);
        return logScale + Math.log(sum);
      }
      if (sum > 1e200) {
        sum *= 1e-200;
        term *= 1e-200;
        da *= 1e-200;
        db *= 1e-200;
        dc *= 1e-200;
        dz *= 1e-200;
        logScale += 200.0 * Math.log(10.0);
      }
    }
    throw new IllegalArgumentException(
        "hypergeometric2F1 did not converge (a " + a + ", b " + b + ", c " + c + ", z " + z + ")");
  }

  /** The 2F1 series summed to {@code e^logScale · sum}. */
  private record Series(double logScale, double sum) {}

  /**
   * Sums the 2F1 series. With {@code rescale} the running sum and term are scaled down by 1e200 whenever the sum
   * passes 1e200 (the terms are positive and each ratio finite, so every later step stays in range); without it
   * a sum that overflows ends the search.
   */
  private static Series series(double a, double b, double c, double z, boolean rescale) {
    if (!(a > 0.0 && b > 0.0 && c > 0.0) || !(z >= 0.0 && z < 1.0)) {
      throw new IllegalArgumentException(
          "hypergeometric2F1 needs a, b, c > 0 and 0 <= z < 1 (was " + a + ", " + b + ", " + c + ", " + z + ")");
    }
    double logScale = 0.0;
    double term = 1.0;
    double sum = 1.0;
    for (int n = 0; n < MAX_SERIES_TERMS; n++) {
      double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      term *= ratio;
      sum += term;
      // The ratios tend to z; once they are below 1 the remaining tail is at most a geometric series with
      // ratio max(ratio, z), so stop when that bound is below the rounding of the sum.
      double bound = Math.max(ratio, z);
      if (bound < 1.0 && term <= 1e-17 * sum * (1.0 - bound)) {
        return new Series(logScale, sum);
      }
      if (rescale) {
        if (sum > 1e200) {
          sum *= 1e-200;
          term *= 1e-200;
          logScale += 200.0 * Math.log(10.0);
        }
      } else if (!Double.isFinite(sum)) {
        break;
      }
    }
    throw new IllegalArgumentException(
        "hypergeometric2F1 did not converge (a " + a + ", b " + b + ", c " + c + ", z " + z + ")");
  }
}

package dev.custintel.analytics.clv.internal;

/**
 * Pareto/NBD formulas at given parameters, in log space. Not API.
 *
 * <p>Likelihood (Fader &amp; Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions",
 * eq. 22; Schmittlein, Morrison &amp; Colombo 1987):
 *
 * <pre>
 * L(r, α, s, β | x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · { (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ }
 * </pre>
 *
 * where, with {@code a = r+s+x},
 *
 * <pre>
 * α ≥ β:  A₀ = 2F1(a, s+1; a+1; (α−β)/(α+t_x)) / (α+t_x)^a − 2F1(a, s+1; a+1; (α−β)/(α+T)) / (α+T)^a
 * α &lt; β:  A₀ = 2F1(a, r+x; a+1; (β−α)/(β+t_x)) / (β+t_x)^a − 2F1(a, r+x; a+1; (β−α)/(β+T)) / (β+T)^a
 * </pre>
 *
 * <p>Equivalently {@code A₀ = a ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ}, so both forms are the same
 * function; the split only keeps the hypergeometric argument in {@code [0, 1)}.
 *
 * <p>Every 2F1 here has {@code c = a+1}. For {@code z ≥ 0} we use Euler's transformation
 * {@code 2F1(a, b; a+1; z) = (1−z)^{1−b} 2F1(1, a+1−b; a+1; z)}, and for {@code z < 0} (only reached when a form
 * is evaluated outside its own half, e.g. to check continuity) Pfaff's
 * {@code 2F1(a, b; a+1; z) = (1−z)^{−b} 2F1(1, b; a+1; z/(z−1))}. Both leave a series
 * {@code Σ (p)_n/(q)_n w^n} with {@code 0 < p ≤ q}, {@code 0 ≤ w < 1}: positive terms, each at most {@code w}
 * times the previous, sum at most {@code 1/(1−w)}, so it cannot overflow even for very large {@code x}, and its
 * tail is bracketed between two geometric series, which gives a rigorous stopping rule. The work is bounded by
 * {@value #MAX_SERIES_TERMS} terms (under half a millisecond); beyond that (argument within roughly 4e-4 of 1,
 * i.e. α + t_x some 2,500 times β + t_x, or the reverse: parameters no real customer base produces, but where a fit
 * on degenerate data wanders) an {@link IllegalArgumentException} is thrown rather than looping, and a fit treats the
 * point as outside the model.
 *
 * <p>Predictions (Fader &amp; Hardie note, eqs. 18 and 19 / Schmittlein et al. 1987):
 *
 * <pre>
 * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
 * E[Y(t) | x, t_x, T]  = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, t_x, T)
 * E[X(t)]              = r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]
 * </pre>
 *
 * with {@code [1 − q^(s−1)]/(s−1) → −ln q} at {@code s = 1}.
 */
public final class ParetoNbdFormulas {

  /** Upper bound on series terms for one hypergeometric evaluation. */
  public static final int MAX_SERIES_TERMS = 100_000;

  private ParetoNbdFormulas() {}

  /**
   * {@code ln L} (without the weight), choosing the form whose hypergeometric argument is in {@code [0, 1)}.
   *
   * @return the log-likelihood of one customer
   * @throws IllegalArgumentException if the series does not converge within the term budget
   */
  public static double logLikelihood(double r, double alpha, double s, double beta, int x, double tx, double age) {
    return logLikelihood(r, alpha, s, beta, x, tx, age, alpha >= beta);
  }

  /**
   * {@code ln L} with the form chosen by the caller: {@code alphaForm} for the α ≥ β expression. Both are valid
   * wherever the hypergeometric arguments are in {@code (−1, 1)}; exposed so that continuity can be tested.
   *
   * @return the log-likelihood of one customer
   * @throws IllegalArgumentException if a hypergeometric argument is outside {@code (−1, 1)} or the series does
   *     not converge within the term budget
   */
  public static double logLikelihood(
      double r, double alpha, double s, double beta, int x, double tx, double age, boolean alphaForm) {
    double logFirst = logFirst(r, alpha, s, beta, x, age);
    double logSecond = logSecond(r, alpha, s, beta, x, tx, age, alphaForm);
    return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r)
        + r * Math.log(alpha) + s * Math.log(beta) + logSumExp(logFirst, logSecond);
  }

  /**
   * {@code P(alive | x, t_x, T)}, the ratio of the "still alive at T" part of the likelihood to the whole.
   *
   * @return a probability in {@code [0, 1]}
   * @throws IllegalArgumentException if the series does not converge within the term budget
   */
  public static double probabilityAlive(double r, double alpha, double s, double beta, int x, double tx, double age) {
    double logFirst = logFirst(r, alpha, s, beta, x, age);
    double logSecond = logSecond(r, alpha, s, beta, x, tx, age, alpha >= beta);
    // 1 / (1 + e^(second − first)), stable for either sign of the difference.
    double d = logSecond - logFirst;
    return d == Double.NEGATIVE_INFINITY ? 1.0 : Math.exp(-SpecialFunctions.log1pExp(d));
  }

  /**
   * {@code E[Y(t) | x, t_x, T]}.
   *
   * @return the expectation, 0 or more
   * @throws IllegalArgumentException if the series does not converge within the term budget
   */
  public static double conditionalExpectedPurchases(
      double r, double alpha, double s, double beta, int x, double tx, double age, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    double pAlive = probabilityAlive(r, alpha, s, beta, x, tx, age);
    return expectedPurchasesIfAlive(r, alpha, s, beta, x, age, t) * pAlive;
  }

  /**
   * Expected purchases in {@code (T, T+t]} of a customer known to be alive at {@code T}:
   * {@code E[Y(t) | x, t_x, T] / P(alive)}, which does not depend on {@code t_x}.
   *
   * @return the expectation, 0 or more
   */
  public static double expectedPurchasesIfAlive(
      double r, double alpha, double s, double beta, int x, double age, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    double horizon = powerRatioIntegral(s - 1.0, Math.log1p(t / (beta + age)));
    return (r + x) * (beta + age) / (alpha + age) * horizon;
  }

  /**
   * {@code E[X(t)]}, the unconditional expected number of repeat purchases in {@code (0, t]} of a customer
   * acquired at time 0.
   *
   * @return the expectation, 0 or more
   */
  public static double expectedPurchases(double r, double alpha, double s, double beta, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    return r * beta / alpha * powerRatioIntegral(s - 1.0, Math.log1p(t / beta));
  }

  // [1 − e^(−εL)] / ε, with its limit L at ε = 0; L ≥ 0. Equals [1 − q^ε]/ε for q = e^(−L).
  static double powerRatioIntegral(double eps, double logRatio) {
    if (eps == 0.0) {
      return logRatio;
    }
    return -Math.expm1(-eps * logRatio) / eps;
  }

  // ln[(α+T)^−(r+x) (β+T)^−s]: the customer is still alive at T.
  private static double logFirst(double r, double alpha, double s, double beta, int x, double age) {
    return -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
  }

  // ln[s/(r+s+x) · A₀]: the customer died in (t_x, T]; −∞ when t_x = T.
  private static double logSecond(
      double r, double alpha, double s, double beta, int x, double tx, double age, boolean alphaForm) {
    double a = r + s + x;
    double b = alphaForm ? s + 1.0 : r + x;
    double u0 = alphaForm ? alpha + tx : beta + tx;
    double v0 = alphaForm ? beta + tx : alpha + tx;
    double u1 = alphaForm ? alpha + age : beta + age;
    double v1 = alphaForm ? beta + age : alpha + age;
    double l0 = logHypergeometricAPlusOne(a, b, u0, v0) - a * Math.log(u0);
    double l1 = logHypergeometricAPlusOne(a, b, u1, v1) - a * Math.log(u1);
    // A₀ = e^l0 − e^l1 is an integral of a positive function over [t_x, T], so l0 ≥ l1 up to rounding.
    if (!(l0 > l1)) {
      return Double.NEGATIVE_INFINITY;
    }
    double logA0 = l0 + Math.log(-Math.expm1(l1 - l0));
    return Math.log(s) - Math.log(a) + logA0;
  }

  /**
   * {@code ln 2F1(a, b; a+1; z)} with {@code z = (u − v)/u}, so {@code 1 − z = v/u} is passed without
   * cancellation.
   *
   * @param a greater than 0
   * @param b greater than 0 and less than {@code a + 1}
   * @param u greater than 0
   * @param v greater than 0 and less than {@code 2u} (so that {@code |z| < 1})
   * @return the logarithm
   * @throws IllegalArgumentException if the arguments are out of range or the series needs more than
   *     {@value #MAX_SERIES_TERMS} terms
   */
  public static double logHypergeometricAPlusOne(double a, double b, double u, double v) {
    if (!(a > 0.0 && b > 0.0 && b < a + 1.0 && u > 0.0 && v > 0.0 && v < 2.0 * u)) {
      throw new IllegalArgumentException(
          "2F1(a, b; a+1; z) needs a > 0, 0 < b < a+1, |z| < 1 (was a " + a + ", b " + b + ", z " + (u - v) / u + ")");
    }
    if (u == v) {
      return 0.0;
    }
    double logOneMinusZ = Math.log(v) - Math.log(u);
    if (u > v) {
      // Euler: (1−z)^(1−b) 2F1(1, a+1−b; a+1; z)
      double z = (u - v) / u;
      return (1.0 - b) * logOneMinusZ + logRatioSeries(a + 1.0 - b, a + 1.0, z);
    }
    // Pfaff: (1−z)^(−b) 2F1(1, b; a+1; z/(z−1)), z/(z−1) = (v−u)/v ∈ (0, 1/2)
    double w = (v - u) / v;
    return -b * logOneMinusZ + logRatioSeries(b, a + 1.0, w);
  }

  /**
   * {@code ln Σ_{n≥0} (p)_n / (q)_n · w^n} for {@code 0 < p ≤ q} and {@code 0 ≤ w < 1}. Term ratios
   * {@code ρ_n = (p+n)/(q+n) · w} increase towards {@code w}, so after a term {@code t} the tail lies between
   * {@code t ρ/(1−ρ)} and {@code t w/(1−w)}; we stop when that bracket is below rounding and add its midpoint.
   */
  static double logRatioSeries(double p, double q, double w) {
    if (!(p > 0.0 && p <= q && w >= 0.0 && w < 1.0)) {
      throw new IllegalArgumentException(
          "series needs 0 < p <= q and 0 <= w < 1 (was " + p + ", " + q + ", " + w + ")");
    }
    // The terms shrink no faster than w^n, so reaching rounding takes at least ln(1e-16 (1−w)) / ln w terms; when
    // that is beyond the budget, fail at once instead of after the whole budget (a search wandering towards such
    // parameters would otherwise spend seconds per step there).
    double minimumTerms = Math.log(1e-16 * (1.0 - w)) / Math.log(w);
    if (w > 0.0 && minimumTerms > MAX_SERIES_TERMS) {
      throw new IllegalArgumentException(
          "hypergeometric series would need more than " + MAX_SERIES_TERMS + " terms (argument " + w
              + " too close to 1)");
    }
    double upperFactor = w / (1.0 - w);
    double term = 1.0;
    double sum = 1.0;
    for (int n = 0; n < MAX_SERIES_TERMS; n++) {
      double rho = (p + n) / (q + n) * w;
      term *= rho;
      sum += term;
      double lower = term * rho / (1.0 - rho);
      double upper = term * upperFactor;
      if (upper - lower <= 1e-16 * sum) {
        return Math.log(sum + 0.5 * (lower + upper));
      }
    }
    throw new IllegalArgumentException(
        "hypergeometric series did not converge in " + MAX_SERIES_TERMS + " terms (argument " + w + " too close to 1)");
  }

  private static double logSumExp(double x, double y) {
    double hi = Math.max(x, y);
    double lo = Math.min(x, y);
    if (lo == Double.NEGATIVE_INFINITY) {
      return hi;
    }
    return hi + Math.log1p(Math.exp(lo - hi));
  }
}

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
 * <p>Gradient ({@link #logLikelihoodAndGradient}): the series' partial derivatives are summed in the same loop as
 * its value. With {@code t_n} the terms, {@code A_n = Σ_{k<n} 1/(p+k)} and {@code B_n = Σ_{k<n} 1/(q+k)},
 * {@code ∂t_n/∂p = t_n A_n}, {@code ∂t_n/∂q = −t_n B_n} and {@code ∂t_n/∂w = n t_n / w}, the last kept without
 * the division as {@code d_{n+1} = ρ_n d_n + t_n (p+n)/(q+n)}. Their tails decay more slowly than the terms', and
 * are bounded with {@code t_{N+j} ≤ t_N w^j}, {@code A_{N+j} ≤ A_N + j/(p+N)} and {@code B_{N+j} ≤ B_N + j/(q+N)}:
 * after term {@code N}, {@code Σ_{j≥1} (N+j) t_{N+j} ≤ t_N (N w/(1−w) + w/(1−w)²)},
 * {@code Σ_{j≥1} t_{N+j} A_{N+j} ≤ t_N (A_N w/(1−w) + w/((p+N)(1−w)²))}, and the same with {@code B}, {@code q}.
 * The derivative sums stop when each bound is below {@code 1e-16} of its sum (nothing is added for the tail). The
 * value stops where {@link #logLikelihood} stops it, so it is the same to the last bit; the derivatives may go on
 * for up to {@value #MAX_SERIES_TERMS} more terms, which always suffices where the value's own budget check passed
 * ({@code w^N ≤ 1e-16 (1−w)} at {@code N} = {@value #MAX_SERIES_TERMS}, with {@code A_N ≤ N/p}, puts every
 * bound at {@code 2N} below {@code 1e-26} of the first non-zero term of its sum). The chain through Euler's or Pfaff's transformation, the
 * difference {@code e^l0 − e^l1} and the log-sum-exp is written out in the methods below.
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
   * {@code ln L} with its gradient: the value is the one {@link #logLikelihood(double, double, double, double, int,
   * double, double)} returns, to the last bit.
   *
   * @param gradient receives {@code ∂ ln L / ∂(r, α, s, β)}, four elements
   * @return the log-likelihood of one customer
   * @throws IllegalArgumentException if the series does not converge within the term budget
   */
  public static double logLikelihoodAndGradient(
      double r, double alpha, double s, double beta, int x, double tx, double age, double[] gradient) {
    return logLikelihoodAndGradient(r, alpha, s, beta, x, tx, age, alpha >= beta, gradient);
  }

  /**
   * {@code ln L} with its gradient and the form chosen by the caller, as
   * {@link #logLikelihood(double, double, double, double, int, double, double, boolean)} (same value, to the last
   * bit); exposed so that the gradient of each form and transformation can be tested.
   *
   * @param gradient receives {@code ∂ ln L / ∂(r, α, s, β)}, four elements
   * @return the log-likelihood of one customer
   * @throws IllegalArgumentException as {@link #logLikelihood(double, double, double, double, int, double, double,
   *     boolean)}
   */
  public static double logLikelihoodAndGradient(
      double r, double alpha, double s, double beta, int x, double tx, double age, boolean alphaForm,
      double[] gradient) {
    double constant = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r)
        + r * Math.log(alpha) + s * Math.log(beta);
    double mixture = logMixtureAndGradient(r, alpha, s, beta, x, tx, age, alphaForm, gradient);
    gradient[0] += SpecialFunctions.digamma(r + x) - SpecialFunctions.digamma(r) + Math.log(alpha);
    gradient[1] += r / alpha;
    gradient[2] += Math.log(beta);
    gradient[3] += s / beta;
    return constant + mixture;
  }

  /**
   * {@code logSumExp(logFirst, logSecond)}, the part of {@code ln L} that depends on {@code t_x} and {@code T}, with
   * its gradient in {@code (r, α, s, β)}. The value is the one {@link #logLikelihood} adds last, to the last bit,
   * so that {@code lnΓ(r+x) − lnΓ(r) + r ln α + s ln β}, computed once per frequency, plus it is {@code ln L}.
   *
   * @param gradient receives the four derivatives (overwritten)
   * @return the log-sum-exp
   * @throws IllegalArgumentException as {@link #logLikelihood}
   */
  static double logMixtureAndGradient(
      double r, double alpha, double s, double beta, int x, double tx, double age, boolean alphaForm,
      double[] gradient) {
    double[] d0 = new double[4];
    double[] d1 = new double[4];
    double l0 = logPoint(r, alpha, s, beta, x, tx, alphaForm, d0);
    double l1 = logPoint(r, alpha, s, beta, x, age, alphaForm, d1);
    return logMixtureFromPoints(r, alpha, s, beta, x, age, alphaForm, l0, d0, 0, l1, d1, 0, gradient);
  }

  /**
   * One of the two points of {@code A₀}: {@code l(t) = ln 2F1(a, b; a+1; z) − a ln u} at {@code t = t_x} or
   * {@code t = T}, with {@code a = r+s+x} and, in the α form, {@code b = s+1}, {@code u = α+t}, {@code v = β+t}, in
   * the β form {@code b = r+x}, {@code u = β+t}, {@code v = α+t} (so {@code z = 1 − v/u}); the same value, to the
   * last bit, as {@link #logSecond} computes for it. It depends on the customer through {@code x} and {@code t}
   * only, so customers sharing them share it.
   *
   * @param derivatives receives {@code ∂l/∂(a, b, u, v)}, four elements
   * @return {@code l(t)}
   * @throws IllegalArgumentException as {@link #logLikelihood}
   */
  static double logPoint(
      double r, double alpha, double s, double beta, int x, double t, boolean alphaForm, double[] derivatives) {
    double a = r + s + x;
    double b = alphaForm ? s + 1.0 : r + x;
    double u = alphaForm ? alpha + t : beta + t;
    double v = alphaForm ? beta + t : alpha + t;
    double logU = Math.log(u);
    double l = logHypergeometricAPlusOne(a, b, u, v, derivatives) - a * logU;
    derivatives[0] -= logU;
    derivatives[2] -= a / u;
    return l;
  }

  /**
   * {@link #logMixtureAndGradient} from the two points {@code l(t_x)} and {@code l(T)} of {@link #logPoint}, whose
   * derivatives are read at {@code d0[o0..o0+3]} and {@code d1[o1..o1+3]}.
   *
   * @param gradient receives the four derivatives in {@code (r, α, s, β)} (overwritten)
   * @return the log-sum-exp
   */
  static double logMixtureFromPoints(
      double r, double alpha, double s, double beta, int x, double age, boolean alphaForm,
      double l0, double[] d0, int o0, double l1, double[] d1, int o1, double[] gradient) {
    double logAlphaAge = Math.log(alpha + age);
    double logBetaAge = Math.log(beta + age);
    double logFirst = -(r + x) * logAlphaAge - s * logBetaAge;
    // ln[s/(r+s+x) · A₀] as logSecond computes it; −∞ when t_x = T.
    double logSecond = Double.NEGATIVE_INFINITY;
    double shareFirst = 1.0;
    double shareSecond = 0.0;
    double secondR = 0.0;
    double secondAlpha = 0.0;
    double secondS = 0.0;
    double secondBeta = 0.0;
    if (l0 > l1) {
      double a = r + s + x;
      double oneMinusQ = -Math.expm1(l1 - l0);
      double logA0 = l0 + Math.log(oneMinusQ);
      logSecond = Math.log(s) - Math.log(a) + logA0;
      // d ln(e^l0 − e^l1) = (dl0 − q dl1) / (1 − q), q = e^(l1−l0) < 1, in (a, b, u, v).
      double c0 = 1.0 / oneMinusQ;
      double c1 = -Math.exp(l1 - l0) / oneMinusQ;
      double dA = c0 * d0[o0] + c1 * d1[o1];
      double dB = c0 * d0[o0 + 1] + c1 * d1[o1 + 1];
      double dU = c0 * d0[o0 + 2] + c1 * d1[o1 + 2];
      double dV = c0 * d0[o0 + 3] + c1 * d1[o1 + 3];
      // ln s − ln a + ln A₀, with a = r+s+x in both forms.
      secondR = dA - 1.0 / a;
      secondS = dA - 1.0 / a + 1.0 / s;
      if (alphaForm) {
        secondS += dB; // b = s+1
        secondAlpha = dU; // u = α+t
        secondBeta = dV; // v = β+t
      } else {
        secondR += dB; // b = r+x
        secondAlpha = dV; // v = α+t
        secondBeta = dU; // u = β+t
      }
      // Shares of the two parts in their sum: e^(first − lse) and e^(second − lse).
      double e = Math.exp(-Math.abs(logFirst - logSecond));
      double small = e / (1.0 + e);
      double large = 1.0 / (1.0 + e);
      shareFirst = logFirst >= logSecond ? large : small;
      shareSecond = logFirst >= logSecond ? small : large;
    }
    gradient[0] = -shareFirst * logAlphaAge + shareSecond * secondR;
    gradient[1] = -shareFirst * (r + x) / (alpha + age) + shareSecond * secondAlpha;
    gradient[2] = -shareFirst * logBetaAge + shareSecond * secondS;
    gradient[3] = -shareFirst * s / (beta + age) + shareSecond * secondBeta;
    return logSumExp(logFirst, logSecond);
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
   * {@link #logHypergeometricAPlusOne(double, double, double, double)} (the same value, to the last bit) with its
   * partial derivatives. Euler: {@code H = (1−b) ln(v/u) + S(a+1−b, a+1, 1 − v/u)}; Pfaff:
   * {@code H = −b ln(v/u) + S(b, a+1, 1 − u/v)}, with {@code S} the series of {@link #logRatioSeries}. At
   * {@code u = v} the Euler form's limit applies ({@code w = 0}), whose derivatives are those of
   * {@code ab/(a+1) · z} there.
   *
   * @param derivatives receives {@code ∂H/∂(a, b, u, v)}, four elements
   * @return the logarithm
   * @throws IllegalArgumentException as {@link #logHypergeometricAPlusOne(double, double, double, double)}
   */
  static double logHypergeometricAPlusOne(double a, double b, double u, double v, double[] derivatives) {
    if (!(a > 0.0 && b > 0.0 && b < a + 1.0 && u > 0.0 && v > 0.0 && v < 2.0 * u)) {
      throw new IllegalArgumentException(
          "2F1(a, b; a+1; z) needs a > 0, 0 < b < a+1, |z| < 1 (was a " + a + ", b " + b + ", z " + (u - v) / u + ")");
    }
    double[] series = new double[3];
    if (u >= v) {
      // Euler, w = (u−v)/u = 1 − v/u: ∂w/∂u = v/u², ∂w/∂v = −1/u. At u = v the value is 0 as in the value method.
      double logOneMinusZ = Math.log(v) - Math.log(u);
      double z = (u - v) / u;
      double value = (1.0 - b) * logOneMinusZ + logRatioSeries(a + 1.0 - b, a + 1.0, z, series);
      derivatives[0] = series[0] + series[1];
      derivatives[1] = -logOneMinusZ - series[0];
      derivatives[2] = -(1.0 - b) / u + series[2] * v / (u * u);
      derivatives[3] = (1.0 - b) / v - series[2] / u;
      return u == v ? 0.0 : value;
    }
    // Pfaff, w = (v−u)/v = 1 − u/v: ∂w/∂u = −1/v, ∂w/∂v = u/v².
    double logOneMinusZ = Math.log(v) - Math.log(u);
    double w = (v - u) / v;
    double value = -b * logOneMinusZ + logRatioSeries(b, a + 1.0, w, series);
    derivatives[0] = series[1];
    derivatives[1] = -logOneMinusZ + series[0];
    derivatives[2] = b / u - series[2] / v;
    derivatives[3] = -b / v + series[2] * u / (v * v);
    return value;
  }

  /**
   * {@code ln Σ_{n≥0} (p)_n / (q)_n · w^n} for {@code 0 < p ≤ q} and {@code 0 ≤ w < 1}. Term ratios
   * {@code ρ_n = (p+n)/(q+n) · w} increase towards {@code w}, so after a term {@code t} the tail lies between
   * {@code t ρ/(1−ρ)} and {@code t w/(1−w)}; we stop when that bracket is below rounding and add its midpoint.
   */
  static double logRatioSeries(double p, double q, double w) {
    checkSeries(p, q, w);
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

  /**
   * The arguments and the term budget of a series: {@code 0 < p ≤ q}, {@code 0 ≤ w < 1}, and few enough terms. The
   * terms shrink no faster than {@code w^n}, so reaching rounding takes at least {@code ln(1e-16 (1−w)) / ln w}
   * terms; when that is beyond the budget, fail at once instead of after the whole budget (a search wandering
   * towards such parameters would otherwise spend seconds per step there).
   *
   * @throws IllegalArgumentException if the arguments are out of range or the series would exceed the budget
   */
  private static void checkSeries(double p, double q, double w) {
    if (!(p > 0.0 && p <= q && w >= 0.0 && w < 1.0)) {
      throw new IllegalArgumentException(
          "series needs 0 < p <= q and 0 <= w < 1 (was " + p + ", " + q + ", " + w + ")");
    }
    double minimumTerms = Math.log(1e-16 * (1.0 - w)) / Math.log(w);
    if (w > 0.0 && minimumTerms > MAX_SERIES_TERMS) {
      throw new IllegalArgumentException(
          "hypergeometric series would need more than " + MAX_SERIES_TERMS + " terms (argument " + w
              + " too close to 1)");
    }
  }

  /**
   * {@link #logRatioSeries(double, double, double)} (the same value, to the last bit: the same terms, summed and
   * stopped alike) with the derivatives of the logarithm in {@code p}, {@code q} and {@code w}, summed in the same
   * loop and stopped by the rule in the class documentation. Throws exactly where the value method throws, and
   * otherwise always converges (in at most twice the value's term budget).
   *
   * @param derivatives receives {@code ∂/∂(p, q, w)} of the logarithm, three elements
   * @return the logarithm
   */
  static double logRatioSeries(double p, double q, double w, double[] derivatives) {
    checkSeries(p, q, w);
    double upperFactor = w / (1.0 - w);
    double oneOverOneMinusW = 1.0 / (1.0 - w);
    double tailFactor = upperFactor * oneOverOneMinusW; // w / (1−w)²
    double term = 1.0;
    double sum = 1.0;
    double total = Double.NaN; // the value's sum with its tail estimate, once the value has stopped
    double value = Double.NaN;
    double harmonicP = 0.0; // A_n
    double harmonicQ = 0.0; // B_n
    double termDw = 0.0; // ∂t_n/∂w
    double sumDp = 0.0;
    double sumDq = 0.0;
    double sumDw = 0.0;
    for (int n = 0; n < 2 * MAX_SERIES_TERMS; n++) {
      if (n == MAX_SERIES_TERMS && Double.isNaN(value)) {
        break;
      }
      double ratio = (p + n) / (q + n);
      double rho = ratio * w;
      termDw = termDw * rho + term * ratio; // ∂(t_n ρ_n)/∂w, with ∂ρ_n/∂w = ratio
      term *= rho;
      harmonicP += 1.0 / (p + n);
      harmonicQ += 1.0 / (q + n);
      sumDp += term * harmonicP;
      sumDq += term * harmonicQ;
      sumDw += termDw;
      if (Double.isNaN(value)) {
        sum += term;
        double lower = term * rho / (1.0 - rho);
        double upper = term * upperFactor;
        if (upper - lower <= 1e-16 * sum) {
          total = sum + 0.5 * (lower + upper);
          value = Math.log(total);
        }
      }
      if (!Double.isNaN(value)) {
        int index = n + 1; // the last term added is t_index
        // Tail bounds from t_{N+j} ≤ t_N w^j; ∂t_n/∂w = n t_n / w, so its tail is the n t_n tail over w.
        double tailDw = term * (index * oneOverOneMinusW + oneOverOneMinusW * oneOverOneMinusW);
        double tailDp = term * (harmonicP * upperFactor + tailFactor / (p + index));
        double tailDq = term * (harmonicQ * upperFactor + tailFactor / (q + index));
        if (tailDw <= 1e-16 * sumDw && tailDp <= 1e-16 * sumDp && tailDq <= 1e-16 * sumDq) {
          derivatives[0] = sumDp / total;
          derivatives[1] = -sumDq / total;
          derivatives[2] = sumDw / total;
          return value;
        }
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

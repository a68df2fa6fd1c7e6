package dev.custintel.core.internal.generate;

/** The Gaussian hypergeometric function, as the BG/NBD expectations need it. Not API. */
public final class Hypergeometric {
  private static final int MAX_TERMS = 50_000_000;

  private Hypergeometric() {}

  /**
   * {@code 2F1(a, b; c; z)} by its power series {@code Σ (a)_n (b)_n / ((c)_n n!) z^n}. The series converges for
   * {@code |z| < 1}, after roughly {@code 40 / (1 - z)} terms near 1; the BG/NBD uses {@code z = t / (α + t)},
   * so the cost grows with the horizon measured in units of α.
   *
   * @param a first parameter
   * @param b second parameter
   * @param c third parameter, greater than 0
   * @param z argument, 0 to less than 1
   * @return the value
   * @throws IllegalArgumentException if z is outside [0, 1) or the series does not settle in 50 million terms
   */
  public static double f21(double a, double b, double c, double z) {
    if (!(z >= 0.0 && z < 1.0)) {
      throw new IllegalArgumentException("z must be in [0, 1): " + z);
    }
    double term = 1.0;
    double sum = 1.0;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      sum += term;
      // Once the coefficient ratio is below 1 the tail is bounded by a geometric series, so stop when the
      // current term cannot move the sum any more.
      if (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > 2) {
        return sum;
      }
    }
    throw new IllegalArgumentException("2F1 series did not converge for z = " + z);
  }
}

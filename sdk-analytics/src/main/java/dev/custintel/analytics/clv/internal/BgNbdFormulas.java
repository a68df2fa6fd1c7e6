package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.log1pExp;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logBeta;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logHypergeometric2F1;

/**
 * The BG/NBD closed forms of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way", Marketing
 * Science 24(2), on plain doubles. Arguments are assumed valid (the public API checks them). Not API.
 */
public final class BgNbdFormulas {

  private BgNbdFormulas() {}

  /**
   * Log-likelihood of one customer, eq. (6) of the paper, written as
   * {@code ln B(a, b+x) − ln B(a, b) + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T) + ln(1 + e^{z})} with
   * {@code z} from {@link #logOddsInactive}; the last term is a soft-plus so large {@code x} cannot overflow.
   */
  public static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double age) {
    double ll = logBeta(a, b + x) - logBeta(a, b) + logGamma(r + x) - logGamma(r)
        + r * Math.log(alpha) - (r + x) * Math.log(alpha + age);
    if (x > 0) {
      ll += log1pExp(logOddsInactive(r, alpha, a, b, x, tx, age));
    }
    return ll;
  }

  /**
   * For {@code x > 0}: {@code z = ln(a / (b+x−1)) + (r+x) ln((α+T) / (α+t_x))}, the log of the odds that the
   * customer became inactive right after the last purchase versus being still alive at {@code T}; then
   * {@code P(alive) = 1 / (1 + e^{z})} (eq. 13 of Fader, Hardie &amp; Lee's derivations note).
   */
  public static double logOddsInactive(double r, double alpha, double a, double b, int x, double tx, double age) {
    return Math.log(a) - Math.log(b + x - 1.0) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
  }

  /** P(alive | x, t_x, T); 1 when {@code x = 0} (the BG/NBD cannot drop out before the first repeat purchase). */
  public static double probabilityAlive(double r, double alpha, double a, double b, int x, double tx, double age) {
    if (x == 0) {
      return 1.0;
    }
    return Math.exp(-log1pExp(logOddsInactive(r, alpha, a, b, x, tx, age)));
  }

  /**
   * {@code E[X(t)]}, eq. (9): {@code (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))]}. The
   * expression is the analytic continuation of {@code E_p[(1 − (α/(α+pt))^r) / p]} and is valid for
   * {@code a < 1} as well; the removable singularity at {@code a = 1} is handled by symmetric averaging.
   * Needs {@code a + b > 1}.
   */
  public static double expectedPurchases(double r, double alpha, double a, double b, double t) {
    return expectedFuture(r, alpha, a, b, 0, 0.0, t);
  }

  /**
   * {@code E[Y(t) | x, t_x, T]}, eq. (10):
   * {@code (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)}.
   * Needs {@code a + b + x > 1}.
   */
  public static double conditionalExpectedPurchases(
      double r, double alpha, double a, double b, int x, double tx, double age, double t) {
    double alive = probabilityAlive(r, alpha, a, b, x, tx, age);
    if (alive == 0.0) {
      return 0.0;
    }
    return expectedFuture(r, alpha, a, b, x, age, t) * alive;
  }

  /**
   * Expected purchases in {@code (T, T+t]} of a customer known to be alive at {@code T}:
   * {@code E[Y(t) | x, t_x, T] / P(alive)}, which does not depend on {@code t_x}. Needs {@code a + b + x > 1}.
   */
  public static double expectedPurchasesIfAlive(
      double r, double alpha, double a, double b, int x, double age, double t) {
    return expectedFuture(r, alpha, a, b, x, age, t);
  }

  // (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))], the expected purchases in
  // (T, T+t] of a customer known to be alive at T with the posterior λ, p; eq. (9) is the case x = 0, T = 0.
  private static double expectedFuture(double r, double alpha, double a, double b, int x, double age, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    if (Math.abs(a - 1.0) < 1e-6) {
      // The bracket vanishes like (a − 1); average either side so the O(h) terms cancel.
      double h = 1e-5;
      return 0.5 * (expectedFutureRaw(r, alpha, 1.0 - h, b, x, age, t)
          + expectedFutureRaw(r, alpha, 1.0 + h, b, x, age, t));
    }
    return expectedFutureRaw(r, alpha, a, b, x, age, t);
  }

  private static double expectedFutureRaw(double r, double alpha, double a, double b, int x, double age, double t) {
    double z = t / (alpha + age + t);
    // ln[(1−z)^{r+x} 2F1] stays moderate even when 2F1 alone would overflow, since 2F1 grows like (1−z)^{−(r+x)}.
    double logProduct = (r + x) * Math.log1p(-z) + logHypergeometric2F1(r + x, b + x, a + b + x - 1.0, z);
    double bracket = -Math.expm1(logProduct);
    double value = (a + b + x - 1.0) / (a - 1.0) * bracket;
    // The product of two factors of the same sign is never negative; clamp rounding noise at t → 0.
    return Math.max(0.0, value);
  }

  /**
   * {@code P(X(t) = n)} for a randomly chosen customer, eq. (8):
   * {@code B(a, b+n)/B(a, b) · NB(n) + δ_{n>0} · B(a+1, b+n−1)/B(a, b) · P(NB ≥ n)}, where
   * {@code NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j} is the negative binomial mass.
   */
  public static double probabilityOfPurchases(double r, double alpha, double a, double b, int n, double t) {
    if (t == 0.0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double logQ = Math.log(alpha) - Math.log(alpha + t);
    double logP = Math.log(t) - Math.log(alpha + t);
    double logBetaRatio = logBeta(a, b + n) - logBeta(a, b);
    double value = Math.exp(logBetaRatio + logNegBin(r, logQ, logP, n));
    if (n > 0) {
      double tail = negBinTail(r, logQ, logP, n);
      value += Math.exp(logBetaRatio + Math.log(a) - Math.log(b + n - 1.0)) * tail;
    }
    return Math.min(1.0, Math.max(0.0, value));
  }

  static double logNegBin(double r, double logQ, double logP, int j) {
    return logGamma(r + j) - logGamma(r) - logGamma(j + 1.0) + r * logQ + (j == 0 ? 0.0 : j * logP);
  }

  // P(NB ≥ n): as 1 − CDF while the tail is large (no cancellation), else by summing the tail itself so tiny
  // tails keep their relative precision.
  static double negBinTail(double r, double logQ, double logP, int n) {
    double cdf = 0.0;
    for (int j = 0; j < n; j++) {
      cdf += Math.exp(logNegBin(r, logQ, logP, j));
    }
    if (cdf <= 0.5) {
      return 1.0 - cdf;
    }
    double p = Math.exp(logP);
    double term = Math.exp(logNegBin(r, logQ, logP, n));
    double sum = term;
    for (int j = n; j < SpecialFunctions.MAX_SERIES_TERMS; j++) {
      double ratio = (r + j) / (j + 1.0) * p;
      term *= ratio;
      sum += term;
      double bound = Math.max(ratio, p);
      if (bound < 1.0 && term <= 1e-17 * sum * (1.0 - bound)) {
        break;
      }
    }
    return sum;
  }
}

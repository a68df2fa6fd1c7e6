package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.log1pExp;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logBeta;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logHypergeometric2F1;

/**
 * Closed forms of the modified BG/NBD (MBG/NBD) of Batislam, Denizel &amp; Filiztekin (2007), "Empirical
 * validation and comparison of models for customer base analysis", IJRM 24(3), 201–209, on plain doubles.
 * Arguments are assumed valid (the public API checks them). Not API.
 *
 * <p>Individual level: purchases follow a Poisson process with rate λ while active; the customer becomes
 * inactive with probability p right after <em>every</em> purchase, the first (trial) purchase at time 0
 * included. So a customer with {@code x} repeat purchases has had {@code x + 1} dropout chances by {@code T}:
 * <pre>
 *   L(λ, p | x, t_x, T) = (1−p)^x λ^x [ (1−p) e^{−λT} + p e^{−λ t_x} ]
 * </pre>
 * (alive at {@code T}, or dropped right after the last purchase at {@code t_x}; for {@code x = 0} the second
 * term is the customer who dropped out at time 0). Mixing with {@code λ ~ Gamma(r, α)} and
 * {@code p ~ Beta(a, b)}:
 * <pre>
 *   L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^{r+x})
 *     + B(a+1, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^{r+x}).
 * </pre>
 * Since {@code B(a+1, b+x) / B(a, b+x+1) = a / (b+x)}, the ratio of the second term to the first is
 * {@code e^z} with {@code z = ln(a/(b+x)) + (r+x) ln((α+T)/(α+t_x))}, the log-odds of "dropped out after the
 * last purchase" against "alive at T" given the data.
 */
public final class ModifiedBgNbdFormulas {

  private ModifiedBgNbdFormulas() {}

  /**
   * Log-likelihood of one customer:
   * {@code ln B(a, b+x+1) − ln B(a, b) + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T) + ln(1 + e^z)} with
   * {@code z} from {@link #logOddsInactive}; the soft-plus keeps large {@code x} from overflowing. Unlike the
   * BG/NBD, the last term is present for {@code x = 0} too.
   */
  public static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double age) {
    return logBeta(a, b + x + 1.0) - logBeta(a, b) + logGamma(r + x) - logGamma(r)
        + r * Math.log(alpha) - (r + x) * Math.log(alpha + age)
        + log1pExp(logOddsInactive(r, alpha, a, b, x, tx, age));
  }

  /** {@code z = ln(a / (b+x)) + (r+x) ln((α+T) / (α+t_x))}; {@code P(alive) = 1 / (1 + e^z)}. */
  public static double logOddsInactive(double r, double alpha, double a, double b, int x, double tx, double age) {
    return Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
  }

  /**
   * {@code P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x})}, for every {@code x ≥ 0}. At
   * {@code x = 0} ({@code t_x = 0}) this is {@code 1 / (1 + (a/b) (1 + T/α)^r)}: below 1 and decreasing in T.
   */
  public static double probabilityAlive(double r, double alpha, double a, double b, int x, double tx, double age) {
    return Math.exp(-log1pExp(logOddsInactive(r, alpha, a, b, x, tx, age)));
  }

  /**
   * {@code E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]}. Derivation: given λ and p the
   * expectation is {@code (1−p) (1 − e^{−λpt}) / p} (survive the trial purchase, then BG/NBD-style geometric
   * dropout); the gamma mixture gives {@code (1−p)/p · (1 − (α/(α+pt))^r)}, and the beta mixture gives the
   * factor {@code B(a−1, b+1)/B(a, b) = b/(a−1)} times the Pfaff-transformed
   * {@code E_{Beta(a−1, b+1)}[(1 + pt/α)^{−r}] = (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))}. The result is analytic
   * in {@code a > 0}, so it also holds for {@code a < 1}; the removable singularity at {@code a = 1} is handled
   * by symmetric averaging. The 2F1 parameters are all positive for any valid parameters.
   */
  public static double expectedPurchases(double r, double alpha, double a, double b, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    return aroundOne(a, aa -> {
      double z = t / (alpha + t);
      double logProduct = r * Math.log1p(-z) + logHypergeometric2F1(r, b + 1.0, aa + b, z);
      return b / (aa - 1.0) * -Math.expm1(logProduct);
    });
  }

  /**
   * {@code E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]
   * · P(alive | x, t_x, T)}. Given alive at T, the posterior is {@code λ ~ Gamma(r+x, α+T)} and
   * {@code p ~ Beta(a, b+x+1)} (x+1 dropout chances survived); a customer alive at T has expected future
   * purchases {@code (1 − e^{−λpt})/p}, and mixing as for {@link #expectedPurchases} gives the bracket with the
   * factor {@code B(a−1, b+x+1)/B(a, b+x+1) = (a+b+x)/(a−1)}.
   */
  public static double conditionalExpectedPurchases(
      double r, double alpha, double a, double b, int x, double tx, double age, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    double alive = probabilityAlive(r, alpha, a, b, x, tx, age);
    if (alive == 0.0) {
      return 0.0;
    }
    return expectedPurchasesIfAlive(r, alpha, a, b, x, age, t) * alive;
  }

  /**
   * Expected purchases in {@code (T, T+t]} of a customer known to be alive at {@code T}:
   * {@code E[Y(t) | x, t_x, T] / P(alive)}, which does not depend on {@code t_x}.
   */
  public static double expectedPurchasesIfAlive(
      double r, double alpha, double a, double b, int x, double age, double t) {
    if (t == 0.0) {
      return 0.0;
    }
    double z = t / (alpha + age + t);
    return aroundOne(a, aa -> {
      // ln[(1−z)^{r+x} 2F1] stays moderate even when 2F1 alone would overflow.
      double logProduct = (r + x) * Math.log1p(-z) + logHypergeometric2F1(r + x, b + x + 1.0, aa + b + x, z);
      return (aa + b + x) / (aa - 1.0) * -Math.expm1(logProduct);
    });
  }

  /**
   * {@code P(X(t) = n)} for a randomly chosen customer:
   * {@code B(a, b+n+1)/B(a, b) · NB(n) + B(a+1, b+n)/B(a, b) · P(NB ≥ n)}. Given λ and p, the customer makes
   * exactly n repeat purchases either by surviving the first purchase and each of n repeat purchases while the
   * Poisson count is n ({@code (1−p)^{n+1}}), or by dropping out right after the n-th purchase (after the first
   * one when n = 0) while the count reached at least n ({@code p (1−p)^n}); mixing over {@code Beta(a, b)} and
   * {@code Gamma(r, α)} gives the beta ratios and the negative binomial mass {@code NB}.
   */
  public static double probabilityOfPurchases(double r, double alpha, double a, double b, int n, double t) {
    if (t == 0.0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double logQ = Math.log(alpha) - Math.log(alpha + t);
    double logP = Math.log(t) - Math.log(alpha + t);
    double survived = Math.exp(logBeta(a, b + n + 1.0) - logBeta(a, b) + BgNbdFormulas.logNegBin(r, logQ, logP, n));
    double droppedShare = Math.exp(logBeta(a + 1.0, b + n) - logBeta(a, b));
    double dropped = droppedShare * (n == 0 ? 1.0 : BgNbdFormulas.negBinTail(r, logQ, logP, n));
    return Math.min(1.0, Math.max(0.0, survived + dropped));
  }

  private interface InA {
    double at(double a);
  }

  // The expressions are (bracket vanishing like (a − 1)) / (a − 1): average either side of a = 1 so the O(h)
  // terms cancel. The product of two factors of the same sign is never negative; clamp rounding noise.
  private static double aroundOne(double a, InA f) {
    double value;
    if (Math.abs(a - 1.0) < 1e-6) {
      double h = 1e-5;
      value = 0.5 * (f.at(1.0 - h) + f.at(1.0 + h));
    } else {
      value = f.at(a);
    }
    return Math.max(0.0, value);
  }
}

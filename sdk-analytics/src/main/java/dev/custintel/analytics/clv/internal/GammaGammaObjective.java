package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.digamma;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;

/**
 * The mean negative log-likelihood of the Gamma-Gamma spend model over weighted {@code (x, z̄)} pairs, with its exact
 * gradient, as a function of {@code (ln p, ln q, ln γ)}. Not API.
 *
 * <p>Per customer: {@code ln f = [ln Γ(px+q) − ln Γ(px) + px ln x] − ln Γ(q) + q ln γ + (px−1) ln z̄
 * − (px+q) ln(γ + x z̄)}; the bracket and its derivatives are computed once per distinct {@code x}, {@code ln z̄}
 * once at construction, so each summary costs one logarithm per evaluation. Chunked and ordered as
 * {@link RfmObjective}.
 */
public final class GammaGammaObjective implements Bfgs.Objective {

  private final int n;
  private final double[] weights;
  private final double totalWeight;
  private final int[] xIndex;
  private final int[] distinctX;
  private final double[] xs;
  private final double[] spend;
  private final double[] logSpend;

  /**
   * @param xs repeat transactions, 1 or more
   * @param meanSpends mean spends, greater than 0
   * @param weights weights, positive
   */
  public GammaGammaObjective(int[] xs, double[] meanSpends, double[] weights) {
    this.n = xs.length;
    this.weights = weights.clone();
    this.totalWeight = ChunkedSums.total(weights);
    this.xs = new double[n];
    this.spend = meanSpends.clone();
    this.logSpend = new double[n];
    for (int i = 0; i < n; i++) {
      this.xs[i] = xs[i];
      logSpend[i] = Math.log(meanSpends[i]);
    }
    xIndex = new int[n];
    distinctX = ChunkedSums.distinct(xs, xIndex);
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    if (!ChunkedSums.inRange(theta)) {
      return Double.POSITIVE_INFINITY;
    }
    double p = Math.exp(theta[0]);
    double q = Math.exp(theta[1]);
    double gamma = Math.exp(theta[2]);
    int m = distinctX.length;
    double[] constant = new double[m];
    double[] dp = new double[m];
    double[] psiPxq = new double[m];
    for (int k = 0; k < m; k++) {
      int x = distinctX[k];
      double px = p * x;
      double logX = Math.log(x);
      constant[k] = logGamma(px + q) - logGamma(px) + px * logX;
      psiPxq[k] = digamma(px + q);
      dp[k] = x * (psiPxq[k] - digamma(px) + logX);
    }
    double base = -logGamma(q) + q * Math.log(gamma);
    double psiQ = digamma(q);
    double logGammaParam = Math.log(gamma);

    double[] total = ChunkedSums.sum(n, 4, (from, to) -> {
      double sum = 0.0;
      double gp = 0.0;
      double gq = 0.0;
      double gg = 0.0;
      for (int i = from; i < to; i++) {
        int k = xIndex[i];
        double x = xs[i];
        double w = weights[i];
        double px = p * x;
        double denominator = gamma + x * spend[i];
        double logDenominator = Math.log(denominator);
        sum += w * (constant[k] + base + (px - 1.0) * logSpend[i] - (px + q) * logDenominator);
        gp += w * (dp[k] + x * logSpend[i] - x * logDenominator);
        gq += w * (psiPxq[k] - psiQ + logGammaParam - logDenominator);
        gg += w * (q / gamma - (px + q) / denominator);
      }
      return new double[] {sum, gp, gq, gg};
    });
    return ChunkedSums.meanNegative(total, totalWeight, new double[] {p, q, gamma}, gradient);
  }
}

package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.digamma;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;

import java.util.Arrays;

/**
 * The mean negative log-likelihood of the BG/NBD or modified BG/NBD model over weighted summaries, with its exact
 * gradient, as a function of the log-parameters {@code (ln r, ln α, ln a, ln b)}. Not API.
 *
 * <p>Per customer, with {@code L_T = ln(α+T)}, {@code L_t = ln(α+t_x)} and {@code c} = 0 (BG/NBD) or 1 (modified):
 * {@code ln L = [ln Γ(r+x) − ln Γ(r) + r ln α] + [ln B(a, b+x+c) − ln B(a, b)] − (r+x) L_T + ln(1 + D)}, with
 * {@code D = a/(b+x+c−1) · e^{(r+x)(L_T − L_t)}} (for BG/NBD only when {@code x > 0}). The bracketed terms and
 * their derivatives depend on {@code x} only, so they are computed once per distinct {@code x}; {@code L_T} and
 * {@code L_t} once per distinct age and recency; what remains per summary is one exponential and one logarithm.
 * Summaries are summed in fixed chunks (in parallel when there are many) and the chunk sums added in order, so the
 * result does not depend on the thread schedule.
 */
public final class RfmObjective implements Bfgs.Objective {

  private final boolean modified;
  private final int n;
  private final double[] weights;
  private final double totalWeight;
  private final int[] xIndex;
  private final int[] distinctX;
  private final int[] ageIndex;
  private final double[] distinctAge;
  private final int[] recencyIndex;
  private final double[] distinctRecency;

  /**
   * @param modified true for the modified BG/NBD, false for BG/NBD
   * @param xs frequencies
   * @param recencies recencies
   * @param ages ages
   * @param weights weights, positive
   */
  public RfmObjective(boolean modified, int[] xs, double[] recencies, double[] ages, double[] weights) {
    this.modified = modified;
    this.n = xs.length;
    this.weights = weights.clone();
    this.totalWeight = ChunkedSums.total(weights);
    xIndex = new int[n];
    distinctX = ChunkedSums.distinct(xs, xIndex);
    ageIndex = new int[n];
    distinctAge = index(ages, ageIndex);
    recencyIndex = new int[n];
    distinctRecency = index(recencies, recencyIndex);
  }

  /**
   * The distinct values, sorted, and each value's position among them. The values are grouped by their bits first
   * (a small hash table: there are typically a few hundred distinct ages among hundreds of thousands of
   * summaries), so only the distinct values are sorted; {@code -0.0} and {@code 0.0} are then merged as
   * {@link Double#compare} orders them apart, exactly as sorting everything would.
   */
  private static double[] index(double[] values, int[] indexOut) {
    SummaryTable groups = new SummaryTable(Math.min(values.length, 1 << 12));
    int[] groupOf = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      groupOf[i] = groups.add(0, values[i], 0.0, 1L);
    }
    double[] sorted = new double[groups.size()];
    for (int g = 0; g < sorted.length; g++) {
      sorted[g] = groups.first(g);
    }
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || Double.compare(sorted[i], sorted[m - 1]) != 0) {
        sorted[m++] = sorted[i];
      }
    }
    double[] distinct = Arrays.copyOf(sorted, m);
    int[] positionOfGroup = new int[sorted.length];
    for (int g = 0; g < positionOfGroup.length; g++) {
      positionOfGroup[g] = Arrays.binarySearch(distinct, groups.first(g));
    }
    for (int i = 0; i < values.length; i++) {
      indexOut[i] = positionOfGroup[groupOf[i]];
    }
    return distinct;
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    if (!ChunkedSums.inRange(theta)) {
      return Double.POSITIVE_INFINITY;
    }
    double r = Math.exp(theta[0]);
    double alpha = Math.exp(theta[1]);
    double a = Math.exp(theta[2]);
    double b = Math.exp(theta[3]);
    double c = modified ? 1.0 : 0.0;

    // Per distinct x: the x-only terms, their derivatives, r + x and ln(a / (b+x+c−1)).
    int m = distinctX.length;
    double[] constant = new double[m];
    double[] dr = new double[m];
    double[] da = new double[m];
    double[] db = new double[m];
    double[] rx = new double[m];
    double[] logRatio = new double[m];
    double[] denominator = new double[m];
    boolean[] hasD = new boolean[m];
    double psiR = digamma(r);
    double psiAB = digamma(a + b);
    double psiB = digamma(b);
    double lgR = logGamma(r);
    double lbAB = SpecialFunctions.logBeta(a, b);
    double logAlpha = Math.log(alpha);
    for (int k = 0; k < m; k++) {
      int x = distinctX[k];
      rx[k] = r + x;
      constant[k] = logGamma(r + x) - lgR + r * logAlpha + SpecialFunctions.logBeta(a, b + x + c) - lbAB;
      dr[k] = digamma(r + x) - psiR + logAlpha;
      double psiABX = digamma(a + b + x + c);
      da[k] = psiAB - psiABX;
      db[k] = digamma(b + x + c) - psiABX - psiB + psiAB;
      hasD[k] = modified || x > 0;
      denominator[k] = b + x + c - 1.0;
      logRatio[k] = hasD[k] ? Math.log(a) - Math.log(denominator[k]) : 0.0;
    }
    double[] logAge = new double[distinctAge.length];
    double[] invAge = new double[distinctAge.length];
    for (int k = 0; k < distinctAge.length; k++) {
      logAge[k] = Math.log(alpha + distinctAge[k]);
      invAge[k] = 1.0 / (alpha + distinctAge[k]);
    }
    double[] logRec = new double[distinctRecency.length];
    double[] invRec = new double[distinctRecency.length];
    for (int k = 0; k < distinctRecency.length; k++) {
      logRec[k] = Math.log(alpha + distinctRecency[k]);
      invRec[k] = 1.0 / (alpha + distinctRecency[k]);
    }

    double[] total = ChunkedSums.sum(n, 5, (from, to) -> {
      double sum = 0.0;
      double gr = 0.0;
      double gAlpha = 0.0;
      double ga = 0.0;
      double gb = 0.0;
      for (int i = from; i < to; i++) {
        int k = xIndex[i];
        double w = weights[i];
        double lt = logAge[ageIndex[i]];
        double it = invAge[ageIndex[i]];
        double ll = constant[k] - rx[k] * lt;
        double dR = dr[k] - lt;
        double dAlpha = r / alpha - rx[k] * it;
        double dA = da[k];
        double dB = db[k];
        if (hasD[k]) {
          double diff = lt - logRec[recencyIndex[i]];
          double logD = logRatio[k] + rx[k] * diff;
          // ln(1 + D) = max(ln D, 0) + ln(1 + e^{−|ln D|}), and w = D / (1 + D) (the weight of the "dropped out
          // after the last purchase" branch), from one exponential. ln(1 + e) rather than log1p(e): its absolute
          // error is below 2.3e-16, which is all a term of a sum of log-likelihoods needs, at a fraction of the cost.
          double e = Math.exp(-Math.abs(logD));
          ll += Math.max(logD, 0.0) + Math.log(1.0 + e);
          double share = logD > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
          dR += share * diff;
          dAlpha += share * rx[k] * (it - invRec[recencyIndex[i]]);
          dA += share / a;
          dB -= share / denominator[k];
        }
        sum += w * ll;
        gr += w * dR;
        gAlpha += w * dAlpha;
        ga += w * dA;
        gb += w * dB;
      }
      return new double[] {sum, gr, gAlpha, ga, gb};
    });
    return ChunkedSums.meanNegative(total, totalWeight, new double[] {r, alpha, a, b}, gradient);
  }

  /** @return the total weight: the objective is the negative log-likelihood divided by it */
  public double totalWeight() {
    return totalWeight;
  }
}

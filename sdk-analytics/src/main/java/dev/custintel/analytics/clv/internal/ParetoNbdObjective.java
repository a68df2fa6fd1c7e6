package dev.custintel.analytics.clv.internal;

import static dev.custintel.analytics.clv.internal.SpecialFunctions.digamma;
import static dev.custintel.analytics.clv.internal.SpecialFunctions.logGamma;

import java.util.stream.IntStream;

/**
 * The mean negative log-likelihood of the Pareto/NBD model over weighted summaries, with its exact gradient, as a
 * function of the log-parameters {@code (ln r, ln α, ln s, ln β)}. Not API.
 *
 * <p>Per customer, {@code ln L = [lnΓ(r+x) − lnΓ(r) + r ln α + s ln β] + logSumExp(logFirst, logSecond)} (see
 * {@link ParetoNbdFormulas}). The bracket and its derivatives depend on {@code x} only and are computed once per
 * distinct {@code x}. {@code logSecond} is made of two points {@code l(t_x)} and {@code l(T)}, each a hypergeometric
 * series that depends on the customer through {@code (x, t)} only ({@link ParetoNbdFormulas#logPoint}): they are
 * computed once per distinct {@code (x, t)} among all recencies and ages (on CDNOW, 943 instead of 2 × 1,016),
 * and the rest per summary by {@link ParetoNbdFormulas#logMixtureFromPoints}. Each summary's log-likelihood is the
 * value {@link ParetoNbdFormulas#logLikelihood} gives, to the last bit. Summaries are summed in fixed chunks (in
 * parallel when there are many) and the chunk sums added in order, so the result does not depend on the thread
 * schedule; with one chunk (up to {@value ChunkedSums#CHUNK} distinct summaries) the sum is the plain weighted sum
 * in order.
 *
 * <p>Where a hypergeometric series cannot be evaluated within its budget the point is outside the model: the value
 * is {@code +∞}, as for the per-customer objective of a fit without a gradient.
 */
public final class ParetoNbdObjective implements Bfgs.Objective {

  private final int n;
  private final int[] xs;
  private final double[] ages;
  private final double[] weights;
  private final double totalWeight;
  private final int[] xIndex;
  private final int[] distinctX;
  /** The distinct (x, t) of all (frequency, recency) and (frequency, age) pairs. */
  private final int[] pointX;
  private final double[] pointT;
  private final int[] recencyPoint;
  private final int[] agePoint;

  /**
   * @param xs frequencies
   * @param recencies recencies
   * @param ages ages
   * @param weights weights, positive
   */
  public ParetoNbdObjective(int[] xs, double[] recencies, double[] ages, double[] weights) {
    this.n = xs.length;
    this.xs = xs.clone();
    this.ages = ages.clone();
    this.weights = weights.clone();
    this.totalWeight = ChunkedSums.total(weights);
    xIndex = new int[n];
    distinctX = ChunkedSums.distinct(xs, xIndex);
    SummaryTable points = new SummaryTable(2 * n);
    recencyPoint = new int[n];
    agePoint = new int[n];
    for (int i = 0; i < n; i++) {
      recencyPoint[i] = points.add(xs[i], recencies[i], 0.0, 1L);
      agePoint[i] = points.add(xs[i], ages[i], 0.0, 1L);
    }
    pointX = new int[points.size()];
    pointT = new double[points.size()];
    for (int g = 0; g < pointX.length; g++) {
      pointX[g] = points.x(g);
      pointT[g] = points.first(g);
    }
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    if (!ChunkedSums.inRange(theta)) {
      return Double.POSITIVE_INFINITY;
    }
    double r = Math.exp(theta[0]);
    double alpha = Math.exp(theta[1]);
    double s = Math.exp(theta[2]);
    double beta = Math.exp(theta[3]);
    boolean alphaForm = alpha >= beta;

    // Per distinct x: lnΓ(r+x) − lnΓ(r) + r ln α + s ln β, summed as ParetoNbdFormulas.logLikelihood sums it, and
    // its derivative in r; the other derivatives of the bracket (r/α, ln β, s/β) do not depend on x.
    int m = distinctX.length;
    double[] constant = new double[m];
    double[] dConstantR = new double[m];
    double logAlpha = Math.log(alpha);
    double logBeta = Math.log(beta);
    double psiR = digamma(r);
    double lgR = logGamma(r);
    for (int k = 0; k < m; k++) {
      int x = distinctX[k];
      constant[k] = logGamma(r + x) - lgR + r * logAlpha + s * logBeta;
      dConstantR[k] = digamma(r + x) - psiR + logAlpha;
    }

    double[] total;
    try {
      // l(t) and its four derivatives in (a, b, u, v) per distinct (x, t); each entry on its own, so filling them in
      // parallel chunks gives the same numbers.
      int points = pointX.length;
      double[] pointL = new double[points];
      double[] pointD = new double[4 * points];
      int chunks = (points + ChunkedSums.CHUNK - 1) / ChunkedSums.CHUNK;
      IntStream range = IntStream.range(0, chunks);
      (chunks > 1 ? range.parallel() : range).forEach(ch -> {
        double[] d = new double[4];
        for (int g = ch * ChunkedSums.CHUNK; g < Math.min(points, (ch + 1) * ChunkedSums.CHUNK); g++) {
          pointL[g] = ParetoNbdFormulas.logPoint(r, alpha, s, beta, pointX[g], pointT[g], alphaForm, d);
          System.arraycopy(d, 0, pointD, 4 * g, 4);
        }
      });
      total = ChunkedSums.sum(n, 5, (from, to) -> {
        double[] g = new double[4];
        double sum = 0.0;
        double gr = 0.0;
        double gAlpha = 0.0;
        double gs = 0.0;
        double gBeta = 0.0;
        for (int i = from; i < to; i++) {
          int k = xIndex[i];
          double w = weights[i];
          int p0 = recencyPoint[i];
          int p1 = agePoint[i];
          double mixture = ParetoNbdFormulas.logMixtureFromPoints(r, alpha, s, beta, xs[i], ages[i], alphaForm,
              pointL[p0], pointD, 4 * p0, pointL[p1], pointD, 4 * p1, g);
          sum += w * (constant[k] + mixture);
          gr += w * (dConstantR[k] + g[0]);
          gAlpha += w * g[1];
          gs += w * g[2];
          gBeta += w * g[3];
        }
        return new double[] {sum, gr, gAlpha, gs, gBeta};
      });
    } catch (IllegalArgumentException e) {
      return Double.POSITIVE_INFINITY; // a series that cannot be evaluated there: outside the search region
    }
    // The x-free parts of the bracket's gradient, once for the whole weight.
    total[2] += totalWeight * (r / alpha);
    total[3] += totalWeight * logBeta;
    total[4] += totalWeight * (s / beta);
    double value = ChunkedSums.meanNegative(total, totalWeight, new double[] {r, alpha, s, beta}, gradient);
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
  }

  /** @return the number of distinct (x, t) points whose series are computed per evaluation */
  int distinctPoints() {
    return pointX.length;
  }

  /** @return the total weight: the objective is the negative log-likelihood divided by it */
  public double totalWeight() {
    return totalWeight;
  }
}

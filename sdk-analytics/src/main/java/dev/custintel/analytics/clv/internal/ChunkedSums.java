package dev.custintel.analytics.clv.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the likelihood objectives share: the total weight and the distinct frequencies of the summaries, sums over
 * many summaries in fixed chunks (in parallel when there is more than one), added in chunk order so the result does
 * not depend on the thread schedule, and the step from those sums to a mean negative log-likelihood with its
 * gradient in the log-parameters. Not API.
 */
final class ChunkedSums {
  /** Summaries per chunk. */
  static final int CHUNK = 16_384;
  /** Log-parameters beyond ±50 are outside every model here: the search backs off. */
  static final double MAX_ABS_LOG_PARAMETER = 50.0;

  /** Sums over the summaries {@code [from, to)}: the log-likelihood, then its derivatives in the parameters. */
  @FunctionalInterface
  interface RangeSum {
    double[] over(int from, int to);
  }

  private ChunkedSums() {}

  /** @return the sum of the weights, added in order */
  static double total(double[] weights) {
    double w = 0.0;
    for (double v : weights) {
      w += v;
    }
    return w;
  }

  /**
   * The distinct values, numbered in order of first appearance, and each value's number.
   *
   * @param values the values
   * @param indexOut receives, for each value, its position among the distinct values
   * @return the distinct values
   */
  static int[] distinct(int[] values, int[] indexOut) {
    Map<Integer, Integer> positions = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      indexOut[i] = positions.computeIfAbsent(values[i], k -> positions.size());
    }
    int[] distinct = new int[positions.size()];
    positions.forEach((x, k) -> distinct[k] = x);
    return distinct;
  }

  /** @return whether every log-parameter is within ±{@value #MAX_ABS_LOG_PARAMETER} */
  static boolean inRange(double[] theta) {
    for (double v : theta) {
      if (!(Math.abs(v) <= MAX_ABS_LOG_PARAMETER)) {
        return false;
      }
    }
    return true;
  }

  /** @return the element-wise sum of {@code body} over {@code [0, n)} in chunks, added in chunk order */
  static double[] sum(int n, int width, RangeSum body) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[][] partial = new double[chunks][];
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range)
        .forEach(ch -> partial[ch] = body.over(ch * CHUNK, Math.min(n, (ch + 1) * CHUNK)));
    double[] total = new double[width];
    for (double[] p : partial) {
      for (int j = 0; j < width; j++) {
        total[j] += p[j];
      }
    }
    return total;
  }

  /**
   * The mean negative log-likelihood and its gradient in the log-parameters ({@code d/d ln θ = θ d/dθ}).
   *
   * @param total {log-likelihood, its derivative in each natural parameter}, summed with weights
   * @param totalWeight the total weight
   * @param parameters the natural parameters
   * @param gradient receives the gradient; zeros when the result is not finite
   * @return the value, or +∞ when it or the gradient is not finite
   */
  static double meanNegative(double[] total, double totalWeight, double[] parameters, double[] gradient) {
    double value = -total[0] / totalWeight;
    if (!Double.isFinite(value)) {
      return Double.POSITIVE_INFINITY;
    }
    for (int j = 0; j < parameters.length; j++) {
      gradient[j] = -parameters[j] * total[j + 1] / totalWeight;
      if (!Double.isFinite(gradient[j])) {
        Arrays.fill(gradient, 0.0);
        return Double.POSITIVE_INFINITY;
      }
    }
    return value;
  }
}

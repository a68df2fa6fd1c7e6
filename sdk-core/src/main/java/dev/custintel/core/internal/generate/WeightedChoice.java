package dev.custintel.core.internal.generate;

import java.util.Arrays;

/**
 * Draws an index with probability proportional to its weight, by binary search in the cumulative weights
 * (O(log n) per draw, no allocation). Immutable. Not API.
 */
public final class WeightedChoice {
  private final double[] cumulative;

  /**
   * @param weights non-negative weights, at least one positive
   */
  public WeightedChoice(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0.0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " must be finite and non-negative: " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0.0)) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
  }

  /** @return the number of choices */
  public int size() {
    return cumulative.length;
  }

  /**
   * @param index a choice
   * @return its probability
   */
  public double probability(int index) {
    double previous = index == 0 ? 0.0 : cumulative[index - 1];
    return (cumulative[index] - previous) / cumulative[cumulative.length - 1];
  }

  /**
   * @param sampler the random stream
   * @return an index in [0, size)
   */
  public int next(Sampler sampler) {
    return at(sampler.uniform());
  }

  /**
   * The inverse of the cumulative distribution: the index whose share of the total weight contains {@code u}.
   *
   * @param u a quantile in [0, 1)
   * @return an index in [0, size)
   */
  public int at(double u) {
    double target = u * cumulative[cumulative.length - 1];
    int found = Arrays.binarySearch(cumulative, target);
    // binarySearch returns -(insertion point) - 1 when absent; an exact hit belongs to the next bucket, since
    // bucket i covers [cumulative[i - 1], cumulative[i]).
    int index = found >= 0 ? found + 1 : -found - 1;
    // Skip zero-weight buckets an exact hit may land on, and guard the top end against rounding.
    while (index < cumulative.length - 1 && cumulative[index] <= target) {
      index++;
    }
    return Math.min(index, cumulative.length - 1);
  }
}

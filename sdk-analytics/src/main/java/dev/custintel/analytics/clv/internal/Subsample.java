package dev.custintel.analytics.clv.internal;

/**
 * Every k-th summary of a large fit's compressed data, for the coarse stage of {@link Bfgs#minimize(Bfgs.Objective,
 * Bfgs.Objective, double[], int, double)}: a likelihood over 16,384 to 20,480 summaries (a quarter of the data or less)
 * whose optimum lies within sampling error of the whole data's, so that the search over all of it starts close to its
 * optimum with a curvature estimate and needs a few iterations instead of twenty. Summaries come in first-seen order,
 * so a stride is a sample spread over the whole input; the choice depends on the data alone, so fits stay reproducible.
 * Not API.
 */
public final class Subsample {
  /** Least summaries in the coarse stage (one of {@link ChunkedSums}' chunks); at most a quarter more. */
  static final int SIZE = 16_384;
  /** Below this many distinct summaries the whole data is searched from the start: the coarse stage saves little. */
  public static final int MIN_DATA = 4 * SIZE;

  private Subsample() {}

  /** @return the stride for {@code n} summaries: 0 (no coarse stage) below {@link #MIN_DATA}, else 4 or more */
  public static int stride(int n) {
    return n < MIN_DATA ? 0 : n / SIZE;
  }

  /** @return {@code values[0], values[k], values[2k], ...} */
  public static int[] every(int[] values, int k) {
    int[] out = new int[(values.length + k - 1) / k];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i * k];
    }
    return out;
  }

  /** @return {@code values[0], values[k], values[2k], ...} */
  public static double[] every(double[] values, int k) {
    double[] out = new double[(values.length + k - 1) / k];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i * k];
    }
    return out;
  }
}

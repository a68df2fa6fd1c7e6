package dev.custintel.analytics.experiments;

import dev.custintel.core.InvalidInputException;
import java.util.Objects;

/**
 * One arm's values of a metric (such as revenue per customer), summarised: how many, their mean and their sample
 * variance (divided by n − 1).
 *
 * @param n how many values, at least 2
 * @param mean their mean
 * @param variance their sample variance, at least 0
 */
public record SampleSummary(long n, double mean, double variance) {
  /**
   * @throws InvalidInputException naming the field when {@code n < 2}, the mean is not finite or the variance is
   *     negative or not finite
   */
  public SampleSummary {
    if (n < 2) {
      throw InvalidInputException.argument("n", "an arm needs at least 2 values for a variance (was " + n + ")");
    }
    if (!Double.isFinite(mean)) {
      throw InvalidInputException.argument("mean", "must be a finite number (was " + mean + ")");
    }
    if (!(variance >= 0) || Double.isInfinite(variance)) {
      throw InvalidInputException.argument("variance", "must be a finite number of at least 0 (was " + variance
          + ")");
    }
  }

  /**
   * @param values the arm's values
   * @return their summary, the mean and variance summed in a numerically stable way (Welford)
   * @throws InvalidInputException naming {@code values} when one is not finite, and as the constructor
   */
  public static SampleSummary of(double... values) {
    Objects.requireNonNull(values, "values");
    double mean = 0;
    double squares = 0;
    long n = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw InvalidInputException.argument("values", "value " + n + " is not a finite number (" + v + ")");
      }
      n++;
      double delta = v - mean;
      mean += delta / n;
      squares += delta * (v - mean);
    }
    return new SampleSummary(n, mean, n > 1 ? squares / (n - 1) : 0);
  }
}

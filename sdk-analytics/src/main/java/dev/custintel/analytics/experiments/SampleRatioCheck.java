package dev.custintel.analytics.experiments;

import java.util.List;

/**
 * Whether the arms' sizes fit their weights (a sample-ratio mismatch means assignment or logging is broken, and
 * the experiment's results cannot be trusted), by Pearson's chi-square goodness-of-fit test.
 *
 * @param observed customers per arm
 * @param expected customers per arm that the weights imply for the same total
 * @param chiSquare the statistic
 * @param degreesOfFreedom arms − 1
 * @param pValue the chance of a statistic at least this large when the weights hold
 * @param mismatch whether {@code pValue} is below {@link ExperimentStats#SRM_THRESHOLD}
 */
public record SampleRatioCheck(
    List<Long> observed,
    List<Double> expected,
    double chiSquare,
    int degreesOfFreedom,
    double pValue,
    boolean mismatch) {

  /** Copies the lists. */
  public SampleRatioCheck {
    observed = List.copyOf(observed);
    expected = List.copyOf(expected);
  }
}

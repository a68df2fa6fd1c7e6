package dev.custintel.analytics.experiments;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An experiment's results as of a moment.
 *
 * @param experiment the experiment
 * @param asOf the moment: windows closed by then are measured
 * @param currency the currency of revenue (the shop's), or null when the store has none or several
 * @param arms each arm's outcomes, the control first
 * @param comparisons each treatment arm against the control
 * @param pending exposed customers whose window is still open
 * @param sampleRatio the sample-ratio-mismatch check of the exposed counts against the weights, or null before
 *     the first exposure; a mismatch means assignment or logging is broken and the results cannot be trusted
 * @param sampleSizePerArm measured customers each arm needs to detect the minimum detectable effect at α and 80 %
 *     power: for conversion, from the control's rate so far ({@link ExperimentStats#sampleSizePerArm}; null until
 *     it is strictly between 0 and 1 − the effect); for revenue, {@code 2·(z_{1−α/2} + z_{0.8})²·σ²/mde²} with
 *     the control's variance so far (null until two control customers are measured and differ)
 * @param finished whether the experiment has stopped and every window has closed
 * @param measuredUplift the uplift it measured for its action, or null without an action, before it has finished,
 *     without measured customers with an amount in both arms, or with a sample-ratio mismatch
 * @param summary the outcome in one or two sentences
 */
public record ExperimentResults(
    Experiment experiment,
    Instant asOf,
    @Nullable Currency currency,
    List<ArmResult> arms,
    List<ArmComparison> comparisons,
    long pending,
    @Nullable SampleRatioCheck sampleRatio,
    @Nullable Long sampleSizePerArm,
    boolean finished,
    @Nullable MeasuredUplift measuredUplift,
    String summary) {

  /** Copies the lists. */
  public ExperimentResults {
    arms = List.copyOf(arms);
    comparisons = List.copyOf(comparisons);
  }
}

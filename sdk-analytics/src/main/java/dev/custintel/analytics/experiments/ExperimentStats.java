package dev.custintel.analytics.experiments;

import dev.custintel.analytics.clv.internal.Normal;
import dev.custintel.analytics.experiments.internal.Distributions;
import dev.custintel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statistics of an experiment, treatment against control. Every method is a pure function of its arguments:
 *
 * <ul>
 *   <li>conversion: the two-proportion z-test (pooled standard error for the test, unpooled for the interval,
 *       which is how R's {@code prop.test(correct = FALSE)} and most A/B tools report it);
 *   <li>a mean such as revenue per customer: Welch's t-test, with the Welch–Satterthwaite degrees of freedom
 *       (SciPy's {@code ttest_ind(equal_var=False)});
 *   <li>the customers each arm needs to detect an absolute difference in conversion at a given α and power;
 *   <li>the sample-ratio-mismatch check of the arms' sizes against their weights.
 * </ul>
 *
 * Checked against SciPy 1.17 to 1e-9 or better ({@code ExperimentStatsTest}).
 */
public final class ExperimentStats {
  /**
   * The p-value below which the arms' sizes are taken to contradict their weights: 0.001, strict because the
   * check runs on every look at an experiment and a false alarm stops it.
   */
  public static final double SRM_THRESHOLD = 0.001;

  private ExperimentStats() {}

  /**
   * The two-proportion z-test.
   *
   * @param controlConversions converted customers of the control arm, 0 to controlSize
   * @param controlSize customers of the control arm, at least 1
   * @param treatmentConversions converted customers of the treatment arm, 0 to treatmentSize
   * @param treatmentSize customers of the treatment arm, at least 1
   * @param confidenceLevel the interval's level, in (0, 1), such as 0.95
   * @return the rates, their difference with its interval, z and the two-sided p-value; when both arms converted
   *     nobody or everybody there is no variance: z is 0 and the p-value 1
   * @throws InvalidInputException naming the argument that is out of range
   */
  public static ProportionComparison twoProportions(long controlConversions, long controlSize,
      long treatmentConversions, long treatmentSize, double confidenceLevel) {
    checkArm("control", controlConversions, controlSize);
    checkArm("treatment", treatmentConversions, treatmentSize);
    double zCrit = criticalZ(confidenceLevel);
    double p1 = (double) controlConversions / controlSize;
    double p2 = (double) treatmentConversions / treatmentSize;
    double diff = p2 - p1;
    double pooled = (double) (controlConversions + treatmentConversions) / (controlSize + treatmentSize);
    double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlSize + 1.0 / treatmentSize));
    double z = pooledSe == 0 ? 0 : diff / pooledSe;
    double p = pooledSe == 0 ? 1 : twoSidedNormal(z);
    double se = Math.sqrt(p1 * (1 - p1) / controlSize + p2 * (1 - p2) / treatmentSize);
    return new ProportionComparison(controlConversions, controlSize, treatmentConversions, treatmentSize, p1, p2,
        diff, diff - zCrit * se, diff + zCrit * se, z, p, confidenceLevel);
  }

  /**
   * Welch's t-test of the difference in means.
   *
   * @param control the control arm's values
   * @param treatment the treatment arm's values
   * @param confidenceLevel the interval's level, in (0, 1)
   * @return the difference with its interval, t, the degrees of freedom and the two-sided p-value; when neither
   *     arm varies, the interval is the difference itself and the p-value 1 if it is 0, else 0
   * @throws InvalidInputException naming {@code confidenceLevel} when it is not in (0, 1)
   */
  public static MeanComparison welch(SampleSummary control, SampleSummary treatment, double confidenceLevel) {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(treatment, "treatment");
    checkLevel(confidenceLevel);
    double diff = treatment.mean() - control.mean();
    double a = control.variance() / control.n();
    double b = treatment.variance() / treatment.n();
    double se = Math.sqrt(a + b);
    if (se == 0) {
      double t = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
      return new MeanComparison(control, treatment, diff, diff, diff, t, control.n() + treatment.n() - 2,
          diff == 0 ? 1 : 0, confidenceLevel);
    }
    double df = (a + b) * (a + b) / (a * a / (control.n() - 1) + b * b / (treatment.n() - 1));
    double t = diff / se;
    double p = Distributions.studentTTwoSided(t, df);
    double tCrit = Distributions.studentTQuantile(0.5 + confidenceLevel / 2, df);
    return new MeanComparison(control, treatment, diff, diff - tCrit * se, diff + tCrit * se, t, df, p,
        confidenceLevel);
  }

  /**
   * Customers each of two equal arms needs for a two-sided two-proportion z-test to detect an absolute change in
   * conversion: {@code n = (z_{1−α/2}·√(2·p̄·(1−p̄)) + z_{power}·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)²}, with
   * {@code p₂ = p₁ + mde} and {@code p̄} their mean (the normal approximation that R's {@code power.prop.test}
   * solves), rounded up.
   *
   * @param baselineRate the control arm's expected conversion, in (0, 1)
   * @param minimumDetectableEffect the absolute change to detect, non-zero, with baselineRate + it in (0, 1)
   * @param alpha the test's two-sided significance level, in (0, 1), such as 0.05
   * @param power the chance of detecting the change when it is real, in (0, 1), such as 0.8
   * @return customers per arm
   * @throws InvalidInputException naming the argument that is out of range
   */
  public static long sampleSizePerArm(double baselineRate, double minimumDetectableEffect, double alpha,
      double power) {
    if (!(baselineRate > 0 && baselineRate < 1)) {
      throw InvalidInputException.argument("baselineRate", "must be between 0 and 1, exclusive (was "
          + baselineRate + ")");
    }
    double p2 = baselineRate + minimumDetectableEffect;
    if (minimumDetectableEffect == 0 || !(p2 > 0 && p2 < 1)) {
      throw InvalidInputException.argument("minimumDetectableEffect", "must be non-zero and keep the baseline rate"
          + " plus it between 0 and 1, exclusive (was " + minimumDetectableEffect + ")");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw InvalidInputException.argument("alpha", "must be between 0 and 1, exclusive (was " + alpha + ")");
    }
    if (!(power > 0 && power < 1)) {
      throw InvalidInputException.argument("power", "must be between 0 and 1, exclusive (was " + power + ")");
    }
    double p1 = baselineRate;
    double mean = (p1 + p2) / 2;
    double root = Normal.quantile(1 - alpha / 2) * Math.sqrt(2 * mean * (1 - mean))
        + Normal.quantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    double n = root * root / (minimumDetectableEffect * minimumDetectableEffect);
    // Rounded up, but not past a whole number that floating point missed by a hair.
    return (long) Math.ceil(n - 1e-9);
  }

  /**
   * The sample-ratio-mismatch check: Pearson's chi-square of the arms' sizes against the sizes their weights imply.
   *
   * @param observed customers per arm, at least two arms, none negative, some customers in all
   * @param weights the arms' weights, as many as arms, positive
   * @return the statistic, its p-value and whether it is below {@link #SRM_THRESHOLD}
   * @throws InvalidInputException naming the argument that is not as above
   */
  public static SampleRatioCheck sampleRatio(List<Long> observed, List<Double> weights) {
    Objects.requireNonNull(observed, "observed");
    double totalWeight = Assignment.total(weights);
    if (observed.size() != weights.size()) {
      throw InvalidInputException.argument("observed", "needs one count per arm: " + weights.size() + " weights, "
          + observed.size() + " counts");
    }
    long total = 0;
    for (int i = 0; i < observed.size(); i++) {
      Long o = observed.get(i);
      if (o == null || o < 0) {
        throw InvalidInputException.argument("observed", "count " + i + " must be 0 or more (was " + o + ")");
      }
      total += o;
    }
    if (total == 0) {
      throw InvalidInputException.argument("observed", "no customers in any arm yet");
    }
    List<Double> expected = new ArrayList<>(weights.size());
    double chi = 0;
    for (int i = 0; i < weights.size(); i++) {
      double e = total * weights.get(i) / totalWeight;
      expected.add(e);
      double d = observed.get(i) - e;
      chi += d * d / e;
    }
    int df = weights.size() - 1;
    double p = Distributions.chiSquareSurvival(chi, df);
    return new SampleRatioCheck(observed, expected, chi, df, p, p < SRM_THRESHOLD);
  }

  private static void checkArm(String arm, long conversions, long size) {
    if (size < 1) {
      throw InvalidInputException.argument(arm + "Size", "an arm needs at least one customer (was " + size + ")");
    }
    if (conversions < 0 || conversions > size) {
      throw InvalidInputException.argument(arm + "Conversions", "must be between 0 and the arm's " + size
          + " customers (was " + conversions + ")");
    }
  }

  private static void checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw InvalidInputException.argument("confidenceLevel", "must be between 0 and 1, exclusive (was " + level
          + ")");
    }
  }

  private static double criticalZ(double level) {
    checkLevel(level);
    return Normal.quantile(0.5 + level / 2);
  }

  /** 2·(1 − Φ(|z|)), from the lower tail so that small p-values keep their digits. */
  private static double twoSidedNormal(double z) {
    return 2 * Normal.cdf(-Math.abs(z));
  }
}

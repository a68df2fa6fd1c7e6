package dev.custintel.analytics.experiments;

/**
 * Conversion in a treatment arm against a control arm, by the two-proportion z-test.
 *
 * @param controlConversions converted customers of the control arm
 * @param controlSize customers of the control arm
 * @param treatmentConversions converted customers of the treatment arm
 * @param treatmentSize customers of the treatment arm
 * @param controlRate controlConversions / controlSize
 * @param treatmentRate treatmentConversions / treatmentSize
 * @param difference treatmentRate − controlRate (the effect, absolute)
 * @param lower the lower end of the difference's confidence interval (Wald, unpooled standard error)
 * @param upper its upper end
 * @param z the test statistic, with the pooled standard error under "no difference"
 * @param pValue the two-sided p-value of z
 * @param confidenceLevel the interval's level, such as 0.95
 */
public record ProportionComparison(
    long controlConversions,
    long controlSize,
    long treatmentConversions,
    long treatmentSize,
    double controlRate,
    double treatmentRate,
    double difference,
    double lower,
    double upper,
    double z,
    double pValue,
    double confidenceLevel) {

  /**
   * @return the relative effect, difference / controlRate (NaN when the control arm converted nobody)
   */
  public double relativeDifference() {
    return controlRate == 0 ? Double.NaN : difference / controlRate;
  }
}

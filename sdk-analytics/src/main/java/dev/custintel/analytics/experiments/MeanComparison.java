package dev.custintel.analytics.experiments;

/**
 * A metric's mean in a treatment arm against a control arm (such as revenue per customer), by Welch's t-test,
 * which does not assume equal variances.
 *
 * @param control the control arm's values
 * @param treatment the treatment arm's values
 * @param difference treatment mean − control mean (the effect)
 * @param lower the lower end of the difference's confidence interval (Student's t with Welch's degrees of freedom)
 * @param upper its upper end
 * @param t the test statistic
 * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom
 * @param pValue the two-sided p-value of t
 * @param confidenceLevel the interval's level, such as 0.95
 */
public record MeanComparison(
    SampleSummary control,
    SampleSummary treatment,
    double difference,
    double lower,
    double upper,
    double t,
    double degreesOfFreedom,
    double pValue,
    double confidenceLevel) {}

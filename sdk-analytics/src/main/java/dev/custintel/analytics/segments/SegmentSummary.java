package dev.custintel.analytics.segments;

import dev.custintel.core.model.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One segment of a report.
 *
 * @param name the segment
 * @param description what it means
 * @param customers its customers
 * @param share its customers as a fraction of the report's customers (0 to 1)
 * @param revenue its customers' purchases less returns before the as-of instant
 * @param scoredByActiveRun how many of its customers the active model run scored (0 when there is no active run in
 *     the report's currency)
 * @param averageChurnRisk the mean churn risk (1 − P(alive)) of those customers in the active run; null when it
 *     scored none
 * @param averageLtv their mean predicted lifetime value in the active run; null when it scored none
 */
public record SegmentSummary(
    String name,
    String description,
    long customers,
    double share,
    Money revenue,
    long scoredByActiveRun,
    @Nullable Double averageChurnRisk,
    @Nullable Money averageLtv) {

  /** Checks that nothing is missing. */
  public SegmentSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(revenue, "revenue");
  }
}

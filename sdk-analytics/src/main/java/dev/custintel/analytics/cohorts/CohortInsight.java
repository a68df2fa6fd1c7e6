package dev.custintel.analytics.cohorts;

import org.jspecify.annotations.Nullable;

/**
 * A finding computed from a cohort table, with the numbers it rests on.
 *
 * @param kind what sort of finding it is
 * @param text one sentence with its numbers, in English
 * @param cohort the cohort it is about, or null when it is about the table
 * @param metric what {@code value} measures, such as {@code retention[3]} or {@code cumulativeRevenuePerCustomer}
 * @param value the figure the finding is about
 */
public record CohortInsight(Kind kind, String text, @Nullable String cohort, String metric, double value) {

  /** The kinds of findings. */
  public enum Kind {
    /** The cohort whose retention at the insight period is furthest from the average of the cohorts judged. */
    RETENTION_OUTLIER,
    /** The period after which the average value curve grows by less than 5% a period. */
    VALUE_CURVE_FLATTENS,
    /** Cohorts smaller than the minimum size, which the other findings leave out. */
    SMALL_COHORTS
  }
}

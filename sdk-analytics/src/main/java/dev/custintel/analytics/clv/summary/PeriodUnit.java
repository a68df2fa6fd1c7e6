package dev.custintel.analytics.clv.summary;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The time unit in which recency, age and holdout durations are expressed. */
public enum PeriodUnit {
  /** One calendar day. */
  DAYS(1),
  /** Seven calendar days; durations are fractional (a day is 1/7 week). */
  WEEKS(7);

  private final int days;

  PeriodUnit(int days) {
    this.days = days;
  }

  /** @return the length of one period in days (1 or 7) */
  public int days() {
    return days;
  }

  /**
   * The duration between two days in this unit. Computed as (day difference) / {@link #days()} in double
   * arithmetic, exactly as lifetimes does, so that results match its published summaries.
   *
   * @param from the earlier day (UTC)
   * @param to the later day (UTC)
   * @return {@code (to - from)} in this unit; negative when {@code to} is before {@code from}
   */
  public double between(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) / (double) days;
  }
}

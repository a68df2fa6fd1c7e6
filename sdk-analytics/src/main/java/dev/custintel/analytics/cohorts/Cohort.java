package dev.custintel.analytics.cohorts;

import java.time.LocalDate;
import java.util.List;

/**
 * One cohort: the customers whose first purchase fell in one period, and their periods up to the data's end.
 *
 * @param label the period, such as {@code 1997-01}, {@code 1997-Q1} or {@code 1997-W02}
 * @param start the first day of the period, in the request's zone
 * @param customers how many customers it holds
 * @param periods k = 0, 1, … up to the period of the latest order in the data
 */
public record Cohort(String label, LocalDate start, long customers, List<CohortCell> periods) {
  /** Copies the periods. */
  public Cohort {
    periods = List.copyOf(periods);
  }
}

package dev.custintel.analytics.experiments;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of an experiment's eligible customers with their arms, by customer id.
 *
 * @param assignments the page
 * @param nextCursor the cursor of the next page, or null after the last
 */
public record AssignmentPage(List<ExperimentAssignment> assignments, @Nullable String nextCursor) {
  /** Copies the list. */
  public AssignmentPage {
    assignments = List.copyOf(assignments);
  }
}

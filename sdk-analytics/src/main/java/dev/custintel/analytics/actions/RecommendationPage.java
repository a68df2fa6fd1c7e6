package dev.custintel.analytics.actions;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of next best actions.
 *
 * @param actions each customer's recommendation, in the query's order (a list's, or a segment's by customer id)
 * @param unscored customers of the page without a score in the active run (new since it, or unknown), left out
 * @param nextCursor the cursor of the next page, or null after the last
 */
public record RecommendationPage(List<NextBestAction> actions, List<String> unscored, @Nullable String nextCursor) {
  /** Copies the lists. */
  public RecommendationPage {
    actions = List.copyOf(actions);
    unscored = List.copyOf(unscored);
  }
}

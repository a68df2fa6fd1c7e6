package dev.custintel.analytics.segments;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One customer's segment and scores under a preset, as of an instant.
 *
 * @param segment the segment the scores place the customer in
 * @param scores the customer's values and scores
 * @param stored the membership the active model run stored for this preset, with the previous segment and when it
 *     changed; null when the active run stored none for the customer under this preset (or there is no active run)
 */
public record CustomerSegment(String segment, RfmScores scores, @Nullable SegmentMembership stored) {
  /** Checks that nothing is missing. */
  public CustomerSegment {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(scores, "scores");
  }
}

package dev.custintel.analytics.segments;

import java.util.Objects;

/**
 * A customer in a page of a segment's members.
 *
 * @param segment the segment
 * @param scores the customer's values and scores
 */
public record SegmentMember(String segment, RfmScores scores) {
  /** Checks that nothing is missing. */
  public SegmentMember {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(scores, "scores");
  }
}

package dev.custintel.analytics.segments;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer's segment as stored by a model run, with the segment before the last change and when that change
 * happened (as Klaviyo keeps them). A run stores the membership of every customer it scores under its preset.
 *
 * @param runId the model run that stored it
 * @param preset the preset's id
 * @param segment the customer's segment in that run
 * @param previousSegment the segment the customer was in before the last change; null when the customer has been
 *     in {@code segment} since their first stored membership
 * @param changedAt when the customer entered {@code segment}: the creation time of the run that first stored it
 * @param changedInRunId the run that first stored the customer in {@code segment} ({@code runId} when this run moved
 *     the customer)
 */
public record SegmentMembership(
    long runId, String preset, String segment, @Nullable String previousSegment, Instant changedAt,
    long changedInRunId) {

  /** Checks that nothing is missing. */
  public SegmentMembership {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(changedAt, "changedAt");
  }

  /** @return whether this run moved the customer into the segment (or first stored them) */
  public boolean changedInThisRun() {
    return changedInRunId == runId;
  }
}

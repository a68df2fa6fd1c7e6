package dev.custintel.analytics.segments;

import java.util.Objects;

/**
 * One named segment of a preset and the condition that puts a customer in it. In a preset, the first rule whose
 * condition matches wins.
 *
 * @param name the segment's name, snake case ({@code [a-z][a-z0-9_]*}, at most 64 characters)
 * @param description what the segment means, in words, for people reading a report
 * @param condition the condition over the scores
 */
public record SegmentRule(String name, String description, RfmCondition condition) {
  /** Validates the name. */
  public SegmentRule {
    SegmentPreset.checkName("segment name", name);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
  }
}

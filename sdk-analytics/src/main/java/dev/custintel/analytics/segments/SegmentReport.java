package dev.custintel.analytics.segments;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Customers by segment under a preset, as of an instant, in one currency.
 *
 * @param preset the preset's id
 * @param presetVersion the preset's version
 * @param asOf only orders placed before this instant count; recency is measured to it
 * @param currency the currency of the orders counted; null when the store has no purchases
 * @param customers the customers scored (n: those with at least one purchase in the currency before {@code asOf});
 *     the segments' counts sum to it, plus {@code prospects}
 * @param prospects customers without any purchase before {@code asOf}, counted only by presets that have a
 *     prospects segment (0 otherwise)
 * @param activeRunId the model run whose churn risk and LTV the summaries average; null when there is none in the
 *     currency
 * @param segments every segment of the preset, in its order, empty ones included
 * @param scores per score ({@code "R"}, {@code "F"}, {@code "M"}): customers per score value, 1 to the scale
 */
public record SegmentReport(
    String preset,
    int presetVersion,
    Instant asOf,
    @Nullable Currency currency,
    long customers,
    long prospects,
    @Nullable Long activeRunId,
    List<SegmentSummary> segments,
    Map<String, Map<Integer, Long>> scores) {

  /** Copies the lists. */
  public SegmentReport {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(asOf, "asOf");
    segments = List.copyOf(segments);
    scores = Map.copyOf(scores);
  }

  /**
   * @param name a segment's name
   * @return its summary
   * @throws IllegalArgumentException when the preset has no such segment
   */
  public SegmentSummary segment(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no segment '" + name + "' in preset " + preset));
  }
}

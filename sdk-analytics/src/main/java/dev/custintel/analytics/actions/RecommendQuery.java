package dev.custintel.analytics.actions;

import dev.custintel.analytics.segments.SegmentPreset;
import dev.custintel.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whose next best actions to work out in one call: a list of customers, or the members of an RFM segment, a page
 * at a time.
 *
 * @param customerIds the customers, 1 to {@value #MAX_LIMIT}, or null for a segment
 * @param segment a segment of {@code preset}, or null for a list
 * @param preset the segment's preset
 * @param limit a page's size, 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended ({@link RecommendationPage#nextCursor()}), or null for the first
 * @param policy the policy to apply, or null for the facade's
 */
public record RecommendQuery(
    @Nullable List<String> customerIds,
    @Nullable String segment,
    SegmentPreset preset,
    int limit,
    @Nullable String cursor,
    @Nullable ActionPolicy policy) {

  /** The largest page, and the longest list. */
  public static final int MAX_LIMIT = 1_000;

  /** @throws InvalidInputException naming the field that is not as above */
  public RecommendQuery {
    if ((customerIds == null) == (segment == null)) {
      throw InvalidInputException.argument("customerIds", "give either customers or a segment, not "
          + (segment == null ? "neither" : "both"));
    }
    if (customerIds != null) {
      if (customerIds.isEmpty() || customerIds.size() > MAX_LIMIT) {
        throw InvalidInputException.argument("customerIds", "must hold 1 to " + MAX_LIMIT + " customers (was "
            + customerIds.size() + ")");
      }
      for (int i = 0; i < customerIds.size(); i++) {
        String id = customerIds.get(i);
        if (id == null || id.isBlank()) {
          throw InvalidInputException.argument("customerIds[" + i + "]", "must be a customer id");
        }
      }
      customerIds = List.copyOf(customerIds);
    }
    Objects.requireNonNull(preset, "preset");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.argument("limit", "must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
  }

  /** @return the next best actions of these customers, up to 100 a page */
  public static RecommendQuery customers(List<String> customerIds) {
    return new RecommendQuery(customerIds, null, SegmentPreset.rfGrid(), 100, null, null);
  }

  /** @return the next best actions of a segment's members under the rf-grid preset, 100 a page */
  public static RecommendQuery segment(String segment) {
    return new RecommendQuery(null, Objects.requireNonNull(segment, "segment"), SegmentPreset.rfGrid(), 100, null,
        null);
  }

  /** @return this query for a segment of another preset */
  public RecommendQuery withPreset(SegmentPreset value) {
    return new RecommendQuery(customerIds, segment, value, limit, cursor, policy);
  }

  /** @return this query with another page size */
  public RecommendQuery withLimit(int value) {
    return new RecommendQuery(customerIds, segment, preset, value, cursor, policy);
  }

  /** @return this query for the page after {@code value} */
  public RecommendQuery withCursor(@Nullable String value) {
    return new RecommendQuery(customerIds, segment, preset, limit, value, policy);
  }

  /** @return this query under another policy */
  public RecommendQuery withPolicy(@Nullable ActionPolicy value) {
    return new RecommendQuery(customerIds, segment, preset, limit, cursor, value);
  }
}

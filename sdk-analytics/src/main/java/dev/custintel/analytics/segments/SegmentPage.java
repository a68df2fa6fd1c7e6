package dev.custintel.analytics.segments;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a segment's members, by customer id.
 *
 * @param items the members, by ascending customer id
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record SegmentPage(List<SegmentMember> items, @Nullable String nextCursor) {
  /** Copies the items. */
  public SegmentPage {
    items = List.copyOf(items);
  }

  /** @return whether there is a next page */
  public boolean hasNext() {
    return nextCursor != null;
  }
}

package dev.custintel.gorgias;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a Gorgias list. Cursors are opaque and short-lived: use them for the next request, do not store
 * them.
 *
 * @param items the results on this page (possibly fewer than the limit, even none, when the client filtered the
 *     page; see {@link TicketQuery})
 * @param nextCursor the cursor of the next page; null on the last page
 * @param previousCursor the cursor of the previous page; null on the first page
 * @param <T> the result type
 */
public record GorgiasPage<T>(List<T> items, @Nullable String nextCursor, @Nullable String previousCursor) {

  /** Copies the items. */
  public GorgiasPage {
    items = List.copyOf(items);
  }

  /** @return whether there is a next page */
  public boolean hasNext() {
    return nextCursor != null;
  }
}

package dev.custintel.core.customer;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of results.
 *
 * @param items the results on this page
 * @param nextCursor pass to the next query's {@code after} to get the next page; null on the last page
 * @param <T> the result type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** @return whether there is another page */
  public boolean hasNext() {
    return nextCursor != null;
  }
}

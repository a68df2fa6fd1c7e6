package dev.custintel.core.customer;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link CustomerClient#query customer query}. Named for what it holds, so that it does not clash
 * with other modules' pages (such as the Gorgias client's) under wildcard imports.
 *
 * @param items the customers on this page, in the query's order
 * @param nextCursor pass to {@link CustomerQuery#withAfter(String)} to get the next page; null on the last page
 */
public record CustomerPage(List<CustomerSummary> items, @Nullable String nextCursor) {

  /** Copies the items. */
  public CustomerPage {
    items = List.copyOf(items);
  }

  /** @return whether there is another page */
  public boolean hasNext() {
    return nextCursor != null;
  }
}

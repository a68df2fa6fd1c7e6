package dev.custintel.core.product;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link ProductClient#list product listing}.
 *
 * @param items the products on this page, by sku
 * @param nextCursor pass to {@link ProductQuery#withCursor(String)} to get the next page; null on the last page
 */
public record ProductPage(List<ProductStats> items, @Nullable String nextCursor) {

  /** Copies the items. */
  public ProductPage {
    items = List.copyOf(items);
  }

  /** @return whether there is another page */
  public boolean hasNext() {
    return nextCursor != null;
  }
}

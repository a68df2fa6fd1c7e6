package dev.custintel.core.sync;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A system the store pulls orders from: each {@link #pull} returns the orders changed since a watermark and the
 * watermark to ask with next time. {@link SyncClient#run} pages a source until a page says it was the last.
 *
 * <p>The watermark is opaque to the store: the source makes it, the store keeps it (in the sync status, at most
 * {@value #MAX_WATERMARK_LENGTH} characters) and hands it back. A source must make paging lossless: every order
 * changed after the watermark it was given must come in this page or a later one, even when many orders share
 * one watermark value. Handing an order out twice is harmless, since ingestion is idempotent by order id.
 *
 * <p>Implement it for any system (a REST API, a queue), or use {@link JdbcOrderSource} for a host's SQL tables.
 */
public interface OrderSource {
  /** Longest watermark the sync status keeps. */
  int MAX_WATERMARK_LENGTH = 256;

  /**
   * @return the name the store keeps this source's sync status under: 1 to 64 characters, stable across restarts
   */
  String name();

  /**
   * Reads the next page of changed orders.
   *
   * @param watermark what the previous page returned as {@link Batch#watermark()}, or null to start from the
   *     beginning
   * @param limit how much to read, at least 1: a hint, in the source's own unit (the JDBC source counts result
   *     rows, one per order line)
   * @return the orders, the watermark after them, and whether more may follow
   * @throws dev.custintel.core.InvalidInputException if the source holds a value it cannot turn into an order
   * @throws dev.custintel.core.DataAccessException if the source cannot be read
   */
  Batch pull(@Nullable String watermark, int limit);

  /**
   * One page of a source.
   *
   * @param orders the orders changed after the watermark asked with, each id at most once
   * @param customers customers to upsert with the orders (null fields keep what is stored); may be empty
   * @param products products to upsert with the orders; may be empty
   * @param watermark the watermark after this page, to be given to the next pull; null only when nothing was ever
   *     read; at most {@value #MAX_WATERMARK_LENGTH} characters
   * @param hasMore whether a next pull may return more; false when this page reached the end of the changes
   */
  record Batch(
      List<Order> orders,
      List<Customer> customers,
      List<Product> products,
      @Nullable String watermark,
      boolean hasMore) {

    /** Copies the lists; none may be null or hold null. */
    public Batch {
      orders = List.copyOf(Checks.notNull(orders, "orders"));
      customers = List.copyOf(Checks.notNull(customers, "customers"));
      products = List.copyOf(Checks.notNull(products, "products"));
      if (watermark != null && watermark.length() > MAX_WATERMARK_LENGTH) {
        throw InvalidInputException.argument("watermark",
            "must be at most " + MAX_WATERMARK_LENGTH + " characters (was " + watermark.length() + ")");
      }
    }

    /**
     * A page of orders only.
     *
     * @param orders the orders
     * @param watermark the watermark after them
     * @param hasMore whether more may follow
     * @return the page
     */
    public static Batch ofOrders(List<Order> orders, @Nullable String watermark, boolean hasMore) {
      return new Batch(orders, List.of(), List.of(), watermark, hasMore);
    }
  }
}

package dev.custintel.core.product;

/**
 * Reads what products sold. Thread-safe.
 *
 * <p><b>How orders count</b>, as in customer profiles: a product's buyers, orders, units and first and last sale
 * come from purchases only, and its revenue is what its purchase lines came to minus what its return lines gave
 * back (as a profile's total spent is purchases minus returns), kept per currency. A return never makes a buyer or
 * an order, and returned units are not subtracted from the units sold (as in a profile's top products).
 *
 * <p>Every figure is computed by the database from the order lines when asked (one query per call, whatever the
 * page size); nothing is cached, since any customer's order can change any product's figures.
 */
public interface ProductClient {

  /**
   * One product's all-time figures.
   *
   * @param sku the product id
   * @return its figures; zeros, an empty revenue and null dates if it was never sold
   * @throws dev.custintel.core.InvalidInputException naming {@code sku} if it is blank, longer than 64 characters,
   *     starts or ends with whitespace or holds the NUL character
   * @throws dev.custintel.core.NotFoundException if the store holds no product with that id
   */
  ProductStats product(String sku);

  /**
   * Products matching a query, by sku, one page at a time. Paging is by key, so a page never repeats or skips a
   * product that exists throughout.
   *
   * @param query filters and paging
   * @return one page; pass {@link ProductPage#nextCursor()} to {@link ProductQuery#withCursor(String)} for the next
   * @throws dev.custintel.core.InvalidInputException naming {@code cursor} if the cursor is not one a page returned
   */
  ProductPage list(ProductQuery query);
}

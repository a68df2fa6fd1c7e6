package dev.custintel.core.internal.imports;

import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.util.List;

/**
 * An order read from a file, with the customer and product records its rows describe. Not API.
 *
 * @param order the order
 * @param customer the customer, with whatever the file says of it (country...)
 * @param products the products of the order's lines, with names and categories when the file has them
 * @param firstLine the 1-based line number of the order's first imported row
 */
public record ParsedOrder(Order order, Customer customer, List<Product> products, long firstLine) {

  /** Copies the products. */
  public ParsedOrder {
    products = List.copyOf(products);
  }
}

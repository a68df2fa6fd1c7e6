package dev.custintel.core.ingest;

import dev.custintel.core.internal.Checks;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of records written in one transaction, all or nothing.
 *
 * <p>Customers and products are upserted by id (given fields replace stored ones). Orders are upserted by id:
 * an order identical to the stored one is left alone, a different one replaces it. An order whose customer or
 * product is neither in the batch nor in the store gets a minimal row (the id; the product id as its name), so
 * that hosts may send orders alone.
 *
 * @param customers customers to upsert
 * @param products products to upsert
 * @param orders orders to upsert
 */
public record IngestBatch(List<Customer> customers, List<Product> products, List<Order> orders) {

  /** Copies the lists; none may be null or contain null. */
  public IngestBatch {
    customers = copy(customers, "customers");
    products = copy(products, "products");
    orders = copy(orders, "orders");
  }

  /**
   * @param orders the orders
   * @return a batch of orders only
   */
  public static IngestBatch ofOrders(List<Order> orders) {
    return new IngestBatch(List.of(), List.of(), orders);
  }

  /** @return a builder for a batch */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether the batch holds no record */
  public boolean isEmpty() {
    return customers.isEmpty() && products.isEmpty() && orders.isEmpty();
  }

  private static <T> List<T> copy(List<T> list, String field) {
    Checks.notNull(list, field);
    for (int i = 0; i < list.size(); i++) {
      Checks.notNull(list.get(i), field + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  /** Collects records for a batch. Not thread-safe. */
  public static final class Builder {
    private final List<Customer> customers = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();

    private Builder() {}

    /**
     * @param customer a customer to upsert
     * @return this builder
     */
    public Builder customer(Customer customer) {
      customers.add(Objects.requireNonNull(customer, "customer"));
      return this;
    }

    /**
     * @param product a product to upsert
     * @return this builder
     */
    public Builder product(Product product) {
      products.add(Objects.requireNonNull(product, "product"));
      return this;
    }

    /**
     * @param order an order to upsert
     * @return this builder
     */
    public Builder order(Order order) {
      orders.add(Objects.requireNonNull(order, "order"));
      return this;
    }

    /** @return number of orders added so far */
    public int orderCount() {
      return orders.size();
    }

    /** @return the batch */
    public IngestBatch build() {
      return new IngestBatch(customers, products, orders);
    }
  }
}

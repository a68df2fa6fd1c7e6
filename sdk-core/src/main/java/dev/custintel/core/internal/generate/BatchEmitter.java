package dev.custintel.core.internal.generate;

import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Packs generated records into {@link IngestBatch}es of at most {@code batchSize} orders and counts what it sent.
 * Holds one batch at a time. Not thread-safe. Not API.
 *
 * <p>The catalog goes into the first batch; a customer goes into the batch that holds their first order, so
 * every batch is self-contained given the batches before it.
 */
public final class BatchEmitter {
  private final int batchSize;
  private final Consumer<IngestBatch> sink;
  private final List<Product> catalog;
  private final List<Customer> customers = new ArrayList<>();
  private final List<Order> orders;
  private @Nullable Customer pendingCustomer;
  private boolean firstBatch = true;

  private long customerCount;
  private long purchaseCount;
  private long purchaseLineCount;
  private long returnCount;
  private long batchCount;
  private long purchaseCents;
  private long refundCents;
  private long firstSecond = Long.MAX_VALUE;
  private long lastSecond = Long.MIN_VALUE;

  /**
   * @param batchSize most orders per batch, at least 1
   * @param sink receives the batches
   * @param catalog the products, sent in the first batch
   */
  public BatchEmitter(int batchSize, Consumer<IngestBatch> sink, List<Product> catalog) {
    this.batchSize = batchSize;
    this.sink = sink;
    this.catalog = catalog;
    // Pre-size for typical batches without reserving a huge array for a huge batch size.
    this.orders = new ArrayList<>(Math.min(batchSize, 10_000));
  }

  /**
   * Announces the next customer; they are sent with their first order.
   *
   * @param customer the customer
   */
  void beginCustomer(Customer customer) {
    pendingCustomer = customer;
    customerCount++;
  }

  /**
   * @param order a purchase of the current customer
   * @param cents its total in hundredths of the currency
   */
  void purchase(Order order, long cents) {
    add(order);
    purchaseCount++;
    purchaseLineCount += order.lines().size();
    purchaseCents += cents;
  }

  /**
   * @param order a return of the current customer
   * @param cents its total in hundredths of the currency
   */
  void refund(Order order, long cents) {
    add(order);
    returnCount++;
    refundCents += cents;
  }

  private void add(Order order) {
    if (orders.size() >= batchSize) {
      flush();
    }
    if (pendingCustomer != null) {
      customers.add(pendingCustomer);
      pendingCustomer = null;
    }
    orders.add(order);
    long second = order.placedAt().getEpochSecond();
    firstSecond = Math.min(firstSecond, second);
    lastSecond = Math.max(lastSecond, second);
  }

  /** Sends what is left; call once at the end. */
  public void finish() {
    if (!orders.isEmpty() || !customers.isEmpty() || firstBatch) {
      flush();
    }
  }

  private void flush() {
    sink.accept(new IngestBatch(customers, firstBatch ? catalog : List.of(), orders));
    firstBatch = false;
    batchCount++;
    customers.clear();
    orders.clear();
  }

  /** @return customers announced */
  public long customerCount() {
    return customerCount;
  }

  /** @return purchases sent */
  public long purchaseCount() {
    return purchaseCount;
  }

  /** @return purchase lines sent */
  public long purchaseLineCount() {
    return purchaseLineCount;
  }

  /** @return returns sent */
  public long returnCount() {
    return returnCount;
  }

  /** @return batches sent */
  public long batchCount() {
    return batchCount;
  }

  /** @return the sum of purchase totals, in hundredths */
  public long purchaseCents() {
    return purchaseCents;
  }

  /** @return the sum of return totals, in hundredths */
  public long refundCents() {
    return refundCents;
  }

  /** @return epoch second of the earliest order sent */
  public long firstSecond() {
    return firstSecond;
  }

  /** @return epoch second of the latest order sent */
  public long lastSecond() {
    return lastSecond;
  }
}

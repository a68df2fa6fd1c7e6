package dev.custintel.core.internal.ingest;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A batch checked and normalised before any write: duplicates merged, conflicting duplicates refused, instants
 * truncated to the microseconds both databases keep, order hashes computed. Keys are sorted so that concurrent
 * batches lock rows in the same order. Not API.
 */
final class PreparedBatch {
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000"); // DECIMAL(19,4)

  final TreeMap<String, Customer> customers = new TreeMap<>();
  final TreeMap<String, Product> products = new TreeMap<>();
  final TreeMap<String, HashedOrder> orders = new TreeMap<>();
  final TreeSet<String> referencedCustomers = new TreeSet<>();
  final TreeSet<String> referencedProducts = new TreeSet<>();

  /** An order with its content hash. */
  record HashedOrder(Order order, String hash) {}

  static PreparedBatch of(IngestBatch batch) {
    return of(batch, null);
  }

  /**
   * @param batch the batch
   * @param hashes the {@link OrderHash} of each of the batch's orders, in order, as {@link #checked} normalises
   *     them (the file importer computed them to recognise repeats); null to compute them here
   * @return the batch checked and normalised
   */
  static PreparedBatch of(IngestBatch batch, @Nullable List<String> hashes) {
    PreparedBatch p = new PreparedBatch();
    List<Customer> customers = batch.customers();
    for (int i = 0; i < customers.size(); i++) {
      Customer c = customers.get(i);
      putUnique(p.customers, c.id(), c, "customers", i);
    }
    List<Product> products = batch.products();
    for (int i = 0; i < products.size(); i++) {
      Product pr = products.get(i);
      putUnique(p.products, pr.id(), pr, "products", i);
    }
    List<Order> orders = batch.orders();
    for (int i = 0; i < orders.size(); i++) {
      Order o = checked(orders.get(i), i);
      HashedOrder hashed = new HashedOrder(o, hashes != null ? hashes.get(i) : OrderHash.of(o));
      HashedOrder previous = p.orders.putIfAbsent(o.id(), hashed);
      if (previous != null && !previous.hash().equals(hashed.hash())) {
        throw new InvalidInputException("orders[" + i + "] '" + o.id() + "'", "id",
            "appears twice in the batch with different content; send one version of an order");
      }
      p.referencedCustomers.add(o.customerId());
      for (OrderLine line : o.lines()) {
        p.referencedProducts.add(line.productId());
      }
    }
    p.referencedCustomers.addAll(p.customers.keySet());
    p.referencedProducts.addAll(p.products.keySet());
    return p;
  }

  private static <T> void putUnique(Map<String, T> map, String id, T value, String list, int index) {
    T previous = map.putIfAbsent(id, value);
    if (previous != null && !previous.equals(value)) {
      throw new InvalidInputException(
          list + "[" + index + "] '" + id + "'", "id", "appears twice in the batch with different content; send one version of each record");
    }
  }

  /**
   * The checks and normalisation a batch applies to each order before a write, without the hash.
   *
   * @param o the order
   * @param index its index in the batch, named in a refusal
   * @return the order with its instant truncated to microseconds
   * @throws InvalidInputException naming {@code orders[index]} when its total or item count cannot be stored
   */
  static Order checked(Order o, int index) {
    Order n = normalise(o);
    checkTotal(n, index);
    return n;
  }

  static Order normalise(Order o) {
    if (o.placedAt().getNano() % 1_000 == 0) {
      return o;
    }
    return new Order(
        o.id(), o.customerId(), o.placedAt().truncatedTo(ChronoUnit.MICROS), o.currency(), o.kind(), o.lines());
  }

  /** @param index the order's index in the batch, named in a refusal (the name is built only then) */
  private static void checkTotal(Order o, int index) {
    if (o.total().amount().compareTo(MAX_AMOUNT) >= 0) {
      throw new InvalidInputException(
          record(o, index), "lines", "add up to more than the largest storable amount (10^15)");
    }
    if (o.itemCount() > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          record(o, index), "lines",
          "quantities add up to more than " + Integer.MAX_VALUE + " items (was " + o.itemCount() + ")");
    }
  }

  private static String record(Order o, int index) {
    return "orders[" + index + "] '" + o.id() + "'";
  }

  List<HashedOrder> orderList() {
    return new ArrayList<>(orders.values());
  }
}

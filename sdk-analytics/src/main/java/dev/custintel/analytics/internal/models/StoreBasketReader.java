package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.core.spi.StoreAccess;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Reads the store's purchases as baskets, streaming: one basket per purchase order, products by id, and on the
 * way each product's baskets and buyers. The buyers' lifetime values are joined afterwards
 * ({@link Result#products}), so that the read can share a model run's snapshot, before the run has scored anyone.
 * Not API.
 */
public final class StoreBasketReader {
  private static final int FETCH_SIZE = 5_000;

  private StoreBasketReader() {}

  /**
   * A product's statistics over the baskets read.
   *
   * @param productId the product
   * @param baskets orders holding it
   * @param buyers distinct customers who bought it
   * @param scoredBuyers buyers with a lifetime value
   * @param buyerLtvMean their mean lifetime value; null when none has one
   */
  public record ProductStat(
      String productId, int baskets, int buyers, int scoredBuyers, @Nullable Double buyerLtvMean) {}

  /** The baskets, and each product's baskets and buyers. */
  public static final class Result {
    private final Baskets baskets;
    private final List<String> customers;
    private final Map<String, Tally> tallies;

    private Result(Baskets baskets, List<String> customers, Map<String, Tally> tallies) {
      this.baskets = baskets;
      this.customers = customers;
      this.tallies = tallies;
    }

    /** @return the baskets, items named by product id */
    public Baskets baskets() {
      return baskets;
    }

    /**
     * @param ltvByCustomer lifetime values by customer id; customers without one are buyers but not scored buyers
     * @return every product in the baskets, with its statistics, in no particular order
     */
    public List<ProductStat> products(Map<String, Double> ltvByCustomer) {
      Objects.requireNonNull(ltvByCustomer, "ltvByCustomer");
      List<ProductStat> stats = new ArrayList<>(tallies.size());
      tallies.forEach((id, t) -> {
        int scored = 0;
        double sum = 0;
        // The buyers in the order they were read, so the sum is the same as when it was taken while reading.
        for (int i = 0; i < t.buyerCount; i++) {
          Double ltv = ltvByCustomer.get(customers.get(t.buyers[i]));
          if (ltv != null) {
            scored++;
            sum += ltv;
          }
        }
        stats.add(new ProductStat(id, t.baskets, t.buyerCount, scored, scored == 0 ? null : sum / scored));
      });
      return stats;
    }
  }

  /**
   * Reads the purchase orders placed before the end of {@code asOf} (UTC; all of them when null), in every
   * currency, on the caller's handle (so in its transaction). Returns are not baskets; a product is in a basket
   * once, whatever its quantity or number of lines.
   *
   * @param access the store's tables
   * @param h the handle to read on
   * @param asOf the last day read, or null
   * @return the baskets and the product statistics
   */
  public static Result read(StoreAccess access, Handle h, @Nullable LocalDate asOf) {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(h, "h");
    // Ordered by customer, then order: a customer's orders are adjacent (whatever the collation), so distinct
    // buyers are counted by remembering each product's last buyer.
    String sql = access.sql("SELECT o.customer_id, o.order_id, l.product_id FROM {orders} o JOIN {order_lines}"
        + " l ON l.order_id = o.order_id WHERE o.kind = 'PURCHASE'" + (asOf == null ? "" : " AND o.placed_at < ?")
        + " ORDER BY o.customer_id, o.order_id");
    Folder folder = new Folder();
    var query = h.createQuery(sql).setFetchSize(FETCH_SIZE);
    if (asOf != null) {
      query.bind(0, asOf.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }
    query.scanResultSet((supplier, ctx) -> {
      var rs = supplier.get();
      while (rs.next()) {
        folder.accept(rs.getString(1), rs.getString(2), rs.getString(3));
      }
      return null;
    });
    folder.finishOrder();
    return new Result(folder.baskets.build(), folder.customers, folder.tallies);
  }

  /** One product's running counts and its distinct buyers, by customer index, in the order read. */
  private static final class Tally {
    int baskets;
    int[] buyers = new int[4];
    int buyerCount;

    void addBuyer(int customer) {
      if (buyerCount == buyers.length) {
        buyers = Arrays.copyOf(buyers, buyerCount * 2);
      }
      buyers[buyerCount++] = customer;
    }

    boolean lastBuyerIs(int customer) {
      return buyerCount > 0 && buyers[buyerCount - 1] == customer;
    }
  }

  private static final class Folder {
    final Baskets.Builder baskets = Baskets.builder();
    final Map<String, Tally> tallies = new HashMap<>();
    final List<String> customers = new ArrayList<>();
    final List<String> current = new ArrayList<>();
    @Nullable String order;
    @Nullable String customer;

    void accept(String customerId, String orderId, String productId) {
      if (!orderId.equals(order)) {
        finishOrder();
        order = orderId;
        if (!customerId.equals(customer)) {
          customers.add(customerId);
        }
        customer = customerId;
      }
      current.add(productId);
    }

    void finishOrder() {
      if (order == null) {
        return;
      }
      baskets.add(current);
      // Rows come by customer, so a customer's index is the last one given out.
      int buyer = customers.size() - 1;
      for (int i = 0; i < current.size(); i++) {
        String product = current.get(i);
        if (current.indexOf(product) != i) {
          continue; // a second line of the same product
        }
        Tally t = tallies.computeIfAbsent(product, k -> new Tally());
        t.baskets++;
        if (!t.lastBuyerIs(buyer)) {
          t.addBuyer(buyer);
        }
      }
      current.clear();
      order = null;
    }
  }
}

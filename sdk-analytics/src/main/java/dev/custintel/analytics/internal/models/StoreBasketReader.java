package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.store.CustintelStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;

/**
 * Reads the store's purchases as baskets, streaming: one basket per purchase order, products by id, and on the
 * way each product's baskets, buyers and the mean lifetime value of its scored buyers. Not API.
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

  /**
   * @param baskets the baskets, items named by product id
   * @param products every product in them, with its statistics, in no particular order
   */
  public record Result(Baskets baskets, List<ProductStat> products) {}

  /**
   * Reads the purchase orders placed before the end of {@code asOf} (UTC; all of them when null), in every
   * currency. Returns are not baskets; a product is in a basket once, whatever its quantity or number of lines.
   *
   * @param store the store
   * @param asOf the last day read, or null
   * @param ltvByCustomer lifetime values by customer id, for the product statistics; empty for none
   * @return the baskets and the product statistics
   */
  public static Result read(CustintelStore store, @Nullable LocalDate asOf, Map<String, Double> ltvByCustomer) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(ltvByCustomer, "ltvByCustomer");
    String orders = store.tablePrefix() + "orders";
    String lines = store.tablePrefix() + "order_lines";
    // Ordered by customer, then order: a customer's orders are adjacent (whatever the collation), so distinct
    // buyers are counted by remembering each product's last buyer.
    String sql = "SELECT o.customer_id, o.order_id, l.product_id FROM " + orders + " o JOIN " + lines
        + " l ON l.order_id = o.order_id WHERE o.kind = 'PURCHASE'" + (asOf == null ? "" : " AND o.placed_at < ?")
        + " ORDER BY o.customer_id, o.order_id";
    Folder folder = new Folder(ltvByCustomer);
    try {
      Jdbi.create(store.dataSource()).useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
        h.setReadOnly(true);
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
      });
    } catch (JdbiException e) {
      throw new DataAccessException("Reading the baskets of the purchases in " + orders + " failed", e);
    }
    folder.finishOrder();
    List<ProductStat> stats = new ArrayList<>(folder.tallies.size());
    folder.tallies.forEach((id, t) -> stats.add(new ProductStat(
        id, t.baskets, t.buyers, t.scoredBuyers, t.scoredBuyers == 0 ? null : t.ltvSum / t.scoredBuyers)));
    return new Result(folder.baskets.build(), stats);
  }

  /** One product's running counts; {@code lastBuyer} tells a new buyer from a repeat one. */
  private static final class Tally {
    int baskets;
    int buyers;
    int scoredBuyers;
    double ltvSum;
    @Nullable String lastBuyer;
  }

  private static final class Folder {
    final Map<String, Double> ltvByCustomer;
    final Baskets.Builder baskets = Baskets.builder();
    final Map<String, Tally> tallies = new HashMap<>();
    final List<String> current = new ArrayList<>();
    @Nullable String order;
    @Nullable String customer;

    Folder(Map<String, Double> ltvByCustomer) {
      this.ltvByCustomer = ltvByCustomer;
    }

    void accept(String customerId, String orderId, String productId) {
      if (!orderId.equals(order)) {
        finishOrder();
        order = orderId;
        customer = customerId;
      }
      current.add(productId);
    }

    void finishOrder() {
      if (order == null) {
        return;
      }
      baskets.add(current);
      String buyer = Objects.requireNonNull(customer);
      Double ltv = ltvByCustomer.get(buyer);
      for (int i = 0; i < current.size(); i++) {
        String product = current.get(i);
        if (current.indexOf(product) != i) {
          continue; // a second line of the same product
        }
        Tally t = tallies.computeIfAbsent(product, k -> new Tally());
        t.baskets++;
        if (!buyer.equals(t.lastBuyer)) {
          t.lastBuyer = buyer;
          t.buyers++;
          if (ltv != null) {
            t.scoredBuyers++;
            t.ltvSum += ltv;
          }
        }
      }
      current.clear();
      order = null;
    }
  }
}

package dev.custintel.analytics.internal.models;

import dev.custintel.analytics.affinity.Baskets;
import dev.custintel.core.DataAccessException;
import dev.custintel.core.store.CustintelStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
    // In the order of the order lines' primary key, which both databases can read without sorting: an order's
    // lines are adjacent. (Ordering by customer instead, to count distinct buyers by adjacency, made both sort
    // every line: on a million orders that tripled the run.)
    String sql = "SELECT l.order_id, o.customer_id, l.product_id FROM " + lines + " l JOIN " + orders
        + " o ON o.order_id = l.order_id WHERE o.kind = 'PURCHASE'" + (asOf == null ? "" : " AND o.placed_at < ?")
        + " ORDER BY l.order_id, l.line_no";
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
    List<ProductStat> stats = new ArrayList<>(folder.productIds.size());
    for (int p = 0; p < folder.productIds.size(); p++) {
      int scored = folder.scoredBuyers[p];
      stats.add(new ProductStat(folder.productIds.get(p), folder.baskets[p], folder.buyers[p], scored,
          scored == 0 ? null : folder.ltvSums[p] / scored));
    }
    return new Result(folder.builder.build(), stats);
  }

  /**
   * Folds the lines into baskets and per-product counts. Customers and products are numbered as they come; a
   * (customer, product) pair is counted as a buyer the first time it is seen, in a set of primitive longs (about
   * 16 bytes per distinct pair at most).
   */
  private static final class Folder {
    final Map<String, Double> ltvByCustomer;
    final Baskets.Builder builder = Baskets.builder();
    final Map<String, Integer> customerIds = new HashMap<>();
    double[] customerLtv = new double[1024];
    final Map<String, Integer> productIndex = new HashMap<>();
    final List<String> productIds = new ArrayList<>();
    int[] baskets = new int[256];
    int[] buyers = new int[256];
    int[] scoredBuyers = new int[256];
    double[] ltvSums = new double[256];
    final LongSet pairs = new LongSet();
    final List<String> current = new ArrayList<>();
    @Nullable String order;
    int customer;

    Folder(Map<String, Double> ltvByCustomer) {
      this.ltvByCustomer = ltvByCustomer;
    }

    void accept(String orderId, String customerId, String productId) {
      if (!orderId.equals(order)) {
        finishOrder();
        order = orderId;
        customer = customer(customerId);
      }
      current.add(productId);
    }

    private int customer(String id) {
      Integer known = customerIds.get(id);
      if (known != null) {
        return known;
      }
      int c = customerIds.size();
      customerIds.put(id, c);
      if (c == customerLtv.length) {
        customerLtv = Arrays.copyOf(customerLtv, c * 2);
      }
      Double ltv = ltvByCustomer.get(id);
      customerLtv[c] = ltv == null ? Double.NaN : ltv;
      return c;
    }

    private int product(String id) {
      Integer known = productIndex.get(id);
      if (known != null) {
        return known;
      }
      int p = productIds.size();
      productIndex.put(id, p);
      productIds.add(id);
      if (p == baskets.length) {
        baskets = Arrays.copyOf(baskets, p * 2);
        buyers = Arrays.copyOf(buyers, p * 2);
        scoredBuyers = Arrays.copyOf(scoredBuyers, p * 2);
        ltvSums = Arrays.copyOf(ltvSums, p * 2);
      }
      return p;
    }

    void finishOrder() {
      if (order == null) {
        return;
      }
      builder.add(current);
      double ltv = customerLtv[customer];
      for (int i = 0; i < current.size(); i++) {
        String id = current.get(i);
        if (current.indexOf(id) != i) {
          continue; // a second line of the same product
        }
        int p = product(id);
        baskets[p]++;
        if (pairs.add(((long) customer << 32) | p)) {
          buyers[p]++;
          if (!Double.isNaN(ltv)) {
            scoredBuyers[p]++;
            ltvSums[p] += ltv;
          }
        }
      }
      current.clear();
      order = null;
    }
  }

  /** A set of longs by open addressing (linear probing); the key {@code Long.MIN_VALUE} is not supported. */
  static final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] table = newTable(1 << 12);
    private int size;

    private static long[] newTable(int capacity) {
      long[] t = new long[capacity];
      Arrays.fill(t, EMPTY);
      return t;
    }

    /** @return true if the key was not in the set */
    boolean add(long key) {
      if (size * 2 >= table.length) {
        grow();
      }
      int mask = table.length - 1;
      int i = (int) mix(key) & mask;
      while (table[i] != EMPTY) {
        if (table[i] == key) {
          return false;
        }
        i = (i + 1) & mask;
      }
      table[i] = key;
      size++;
      return true;
    }

    int size() {
      return size;
    }

    private void grow() {
      long[] old = table;
      table = newTable(old.length * 2);
      int mask = table.length - 1;
      for (long key : old) {
        if (key != EMPTY) {
          int i = (int) mix(key) & mask;
          while (table[i] != EMPTY) {
            i = (i + 1) & mask;
          }
          table[i] = key;
        }
      }
    }

    private static long mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return h ^ (h >>> 32);
    }
  }
}

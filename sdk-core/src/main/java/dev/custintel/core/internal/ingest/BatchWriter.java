package dev.custintel.core.internal.ingest;

import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.internal.ingest.PreparedBatch.HashedOrder;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link dev.custintel.core.internal.ingest.PreparedBatch} inside one transaction with portable SQL:
 * read which keys exist, then batch-insert what is new and update what changed. Not API.
 */
final class BatchWriter {
  /** Keys looked up per statement: one array parameter, so one round trip for a whole batch. */
  private static final int IN_CHUNK = 5_000;

  private final Tables t;
  private final boolean postgres;

  BatchWriter(Tables tables, boolean postgres) {
    this.t = tables;
    this.postgres = postgres;
  }

  /** Result of a write, with the customers whose data changed (for cache invalidation). */
  record Outcome(IngestResult result, Set<String> touchedCustomers) {}

  Outcome write(Handle h, dev.custintel.core.internal.ingest.PreparedBatch batch, Instant now) {
    OffsetDateTime ts = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    if (postgres) {
      // The key lookups are prepared statements; a generic plan cached while the tables were small (a sequential
      // scan) would be kept as they grow, making a large import quadratic. Plan each lookup for the data as it is.
      h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }
    Set<String> touched = new java.util.TreeSet<>();
    int customers = writeCustomers(h, batch, ts, touched);
    int products = writeProducts(h, batch, ts);
    int[] orders = writeOrders(h, batch, ts, touched);
    return new Outcome(new IngestResult(orders[0], orders[1], orders[2], customers, products, orders[3]), touched);
  }

  private int writeCustomers(
      Handle h, dev.custintel.core.internal.ingest.PreparedBatch batch, OffsetDateTime ts, Set<String> touched) {
    Map<String, Customer> existing = new HashMap<>();
    for (List<String> chunk : chunks(batch.referencedCustomers)) {
      h.createQuery(t.sql(
              "SELECT customer_id, email, name, country, signed_up_at FROM {customers} WHERE customer_id = ANY(?)"))
          .bindArray(0, String.class, chunk)
          .map((rs, ctx) -> new Customer(
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              instant(rs.getObject(5, OffsetDateTime.class))))
          .forEach(c -> existing.put(c.id(), c));
    }
    PreparedBatch insert = h.prepareBatch(t.sql(
        "INSERT INTO {customers} (customer_id, email, name, country, signed_up_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    PreparedBatch update = h.prepareBatch(t.sql(
        "UPDATE {customers} SET email = ?, name = ?, country = ?, signed_up_at = ?, updated_at = ?"
            + " WHERE customer_id = ?"));
    int written = 0;
    for (String id : batch.referencedCustomers) {
      Customer given = batch.customers.get(id);
      Customer stored = existing.get(id);
      if (stored == null) {
        Customer c = given != null ? given : Customer.of(id);
        insert.add(c.id(), c.email(), c.name(), c.country(), odt(c.signedUpAt()), ts, ts);
        written++;
        touched.add(id);
      } else if (given != null) {
        // Null fields mean "not given": they keep what is stored.
        Customer merged = new Customer(
            id,
            firstNonNull(given.email(), stored.email()),
            firstNonNull(given.name(), stored.name()),
            firstNonNull(given.country(), stored.country()),
            firstNonNull(given.signedUpAt(), stored.signedUpAt()));
        if (!merged.equals(stored)) {
          update.add(merged.email(), merged.name(), merged.country(), odt(merged.signedUpAt()), ts, id);
          written++;
          touched.add(id);
        }
      }
    }
    execute(insert);
    execute(update);
    return written;
  }

  private int writeProducts(Handle h, dev.custintel.core.internal.ingest.PreparedBatch batch, OffsetDateTime ts) {
    Map<String, Product> existing = new HashMap<>();
    for (List<String> chunk : chunks(batch.referencedProducts)) {
      h.createQuery(t.sql("SELECT product_id, name, category FROM {products} WHERE product_id = ANY(?)"))
          .bindArray(0, String.class, chunk)
          .map((rs, ctx) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3)))
          .forEach(p -> existing.put(p.id(), p));
    }
    PreparedBatch insert = h.prepareBatch(t.sql(
        "INSERT INTO {products} (product_id, name, category, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    PreparedBatch update = h.prepareBatch(t.sql(
        "UPDATE {products} SET name = ?, category = ?, updated_at = ? WHERE product_id = ?"));
    int written = 0;
    for (String id : batch.referencedProducts) {
      Product given = batch.products.get(id);
      Product stored = existing.get(id);
      if (stored == null) {
        Product p = given != null ? given : new Product(id, id, null);
        insert.add(p.id(), p.name(), p.category(), ts, ts);
        written++;
      } else if (given != null) {
        Product merged = new Product(id, given.name(), firstNonNull(given.category(), stored.category()));
        if (!merged.equals(stored)) {
          update.add(merged.name(), merged.category(), ts, id);
          written++;
        }
      }
    }
    execute(insert);
    execute(update);
    return written;
  }

  /** @return inserted, updated, unchanged, lines written */
  private int[] writeOrders(
      Handle h, dev.custintel.core.internal.ingest.PreparedBatch batch, OffsetDateTime ts, Set<String> touched) {
    Map<String, String> existing = new HashMap<>();
    Map<String, String> storedCustomer = new HashMap<>();
    for (List<String> chunk : chunks(batch.orders.keySet())) {
      h.createQuery(t.sql("SELECT order_id, content_hash, customer_id FROM {orders} WHERE order_id = ANY(?)"))
          .bindArray(0, String.class, chunk)
          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
          .forEach(row -> {
            existing.put(row[0], row[1]);
            storedCustomer.put(row[0], row[2]);
          });
    }
    List<HashedOrder> inserts = new ArrayList<>();
    List<HashedOrder> updates = new ArrayList<>();
    int unchanged = 0;
    for (HashedOrder ho : batch.orders.values()) {
      String storedHash = existing.get(ho.order().id());
      if (storedHash == null) {
        inserts.add(ho);
      } else if (!storedHash.equals(ho.hash())) {
        updates.add(ho);
        // The order may move to another customer: the previous one's profile changes too.
        touched.add(storedCustomer.get(ho.order().id()));
      } else {
        unchanged++;
      }
    }
    if (!updates.isEmpty()) {
      // Update the order rows first: that takes their row locks before the lines are replaced.
      PreparedBatch update = h.prepareBatch(t.sql(
          "UPDATE {orders} SET customer_id = ?, placed_at = ?, currency = ?, kind = ?, total_amount = ?,"
              + " item_count = ?, line_count = ?, content_hash = ?, ingested_at = ? WHERE order_id = ?"));
      PreparedBatch deleteLines = h.prepareBatch(t.sql("DELETE FROM {order_lines} WHERE order_id = ?"));
      for (HashedOrder ho : updates) {
        Order o = ho.order();
        update.add(o.customerId(), odt(o.placedAt()), o.currency().getCurrencyCode(), o.kind().name(),
            o.total().amount(), (int) o.itemCount(), o.lines().size(), ho.hash(), ts, o.id());
        deleteLines.add(o.id());
      }
      execute(update);
      execute(deleteLines);
    }
    if (!inserts.isEmpty()) {
      PreparedBatch insert = h.prepareBatch(t.sql(
          "INSERT INTO {orders} (order_id, customer_id, placed_at, currency, kind, total_amount, item_count,"
              + " line_count, content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      for (HashedOrder ho : inserts) {
        Order o = ho.order();
        insert.add(o.id(), o.customerId(), odt(o.placedAt()), o.currency().getCurrencyCode(), o.kind().name(),
            o.total().amount(), (int) o.itemCount(), o.lines().size(), ho.hash(), ts);
      }
      execute(insert);
    }
    int lines = 0;
    PreparedBatch insertLines = h.prepareBatch(t.sql(
        "INSERT INTO {order_lines} (order_id, line_no, product_id, quantity, amount) VALUES (?, ?, ?, ?, ?)"));
    for (List<HashedOrder> group : List.of(updates, inserts)) {
      for (HashedOrder ho : group) {
        Order o = ho.order();
        touched.add(o.customerId());
        int no = 1;
        for (OrderLine line : o.lines()) {
          insertLines.add(o.id(), no++, line.productId(), line.quantity(), line.amount());
          lines++;
        }
      }
    }
    execute(insertLines);
    return new int[] {inserts.size(), updates.size(), unchanged, lines};
  }

  private static void execute(PreparedBatch batch) {
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  private static List<List<String>> chunks(Collection<String> ids) {
    List<List<String>> out = new ArrayList<>();
    List<String> all = new ArrayList<>(ids);
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
    }
    return out;
  }

  private static <T> @Nullable T firstNonNull(@Nullable T a, @Nullable T b) {
    return a != null ? a : b;
  }

  private static @Nullable OffsetDateTime odt(@Nullable Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime odt) {
    return odt == null ? null : odt.toInstant();
  }
}

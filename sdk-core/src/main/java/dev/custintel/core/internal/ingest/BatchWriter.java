package dev.custintel.core.internal.ingest;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.internal.ingest.PreparedBatch.HashedOrder;
import dev.custintel.core.internal.store.Tables;
import dev.custintel.core.internal.store.TransactionRunner;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link PreparedBatch} inside one transaction with portable SQL:
 * read which keys exist, then batch-insert what is new and update what changed. Not API.
 */
final class BatchWriter {
  /**
   * Keys looked up per statement: one array parameter, so one round trip for a whole batch, joined as a table
   * ({@code UNNEST}) so that each key is one index probe.
   */
  private static final int IN_CHUNK = 5_000;

  /** How long {@link #createMissing} waits for a concurrent transaction that holds keys it needs. */
  private static final long MAX_CREATE_WAIT_NANOS = 30_000_000_000L;

  private final Tables t;
  private final boolean postgres;
  private final BooleanSupplier recordChanges;

  /** @param recordChanges whether a write also adds its changed customers to {@code changed_customers} */
  BatchWriter(Tables tables, boolean postgres, BooleanSupplier recordChanges) {
    this.t = tables;
    this.postgres = postgres;
    this.recordChanges = recordChanges;
  }

  /** Result of a write, with the customers whose data changed (for cache invalidation). */
  record Outcome(IngestResult result, Set<String> touchedCustomers) {}

  Outcome write(Handle h, PreparedBatch batch, Instant now) {
    return write(h, batch, now, false);
  }

  /**
   * @param asynchronousCommit whether the transaction commits without waiting for the flush of its WAL to disk
   *     (PostgreSQL; see {@code ImportOptions.asynchronousCommit}); set for this transaction only
   */
  Outcome write(Handle h, PreparedBatch batch, Instant now, boolean asynchronousCommit) {
    // Microseconds, as both databases keep: every path (COPY, JDBC, H2) then stores the same ingestion time.
    OffsetDateTime ts = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    if (postgres && asynchronousCommit) {
      // A server crash may lose this commit (never part of it); the import's caller opted in (ImportOptions).
      h.execute("SET LOCAL synchronous_commit = off");
    }
    if (postgres) {
      // Everything this transaction reads is a key lookup of at most a few thousand keys. Left to itself the
      // planner picks a sequential scan of the whole table for a few thousand keys (worse still from a plan cached
      // while the table was small), which made ingestion slow down as the tables grew; index probes keep the cost
      // of a batch independent of the table size (2.7 ms against 25-60 ms for 2,000 keys in 200,000 orders).
      h.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off;"
          + " SET LOCAL enable_mergejoin = off; SET LOCAL enable_bitmapscan = off");
    }
    Set<String> touched = new java.util.TreeSet<>();
    int customers = writeCustomers(h, batch, ts, touched);
    int products = writeProducts(h, batch, ts);
    OrderCounts orders = writeOrders(h, batch, ts, touched);
    if (!touched.isEmpty() && recordChanges.getAsBoolean()) {
      recordChanged(h.getConnection(), touched);
    }
    return new Outcome(new IngestResult(orders.inserted(), orders.updated(), orders.unchanged(), customers,
        products, orders.linesWritten()), touched);
  }

  /**
   * Adds the changed customers to {@code changed_customers}, in the batch's transaction, for a durable listener
   * (see {@code StoreAccess.onCustomersChangedDurably}). Append-only: concurrent batches never wait on each other.
   */
  private void recordChanged(Connection c, Set<String> touched) {
    if (postgres && PostgresCopy.available(c)) {
      PostgresCopy rows = PostgresCopy.forTable(t.sql("{changed_customers}"), "customer_id");
      for (String id : touched) {
        rows.text(id).endRow();
      }
      rows.execute(c);
      return;
    }
    try (JdbcBatch insert = new JdbcBatch(c, t.sql("INSERT INTO {changed_customers} (customer_id) VALUES (?)"))) {
      for (String id : touched) {
        insert.text(id).add();
      }
      insert.execute();
    }
  }

  /** What {@link #writeOrders} did, named so the counts cannot be read back in the wrong order. */
  private record OrderCounts(int inserted, int updated, int unchanged, int linesWritten) {}

  private int writeCustomers(
      Handle h, PreparedBatch batch, OffsetDateTime ts, Set<String> touched) {
    Map<String, Customer> existing = readCustomers(h, batch.referencedCustomers);
    Connection c = h.getConnection();
    List<String> created = createMissing(c, batch.referencedCustomers, existing, ids -> readCustomers(h, ids),
        t.sql("INSERT INTO {customers} (customer_id, email, name, country, signed_up_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)"),
        (insert, id) -> {
          Customer given = batch.customers.get(id);
          Customer n = given != null ? given : Customer.of(id);
          insert.text(n.id()).text(n.email()).text(n.name()).text(n.country()).timestamp(odt(n.signedUpAt()))
              .timestamp(ts).timestamp(ts);
        });
    int written = created.size();
    touched.addAll(created);
    try (JdbcBatch update = new JdbcBatch(c, t.sql(
            "UPDATE {customers} SET email = ?, name = ?, country = ?, signed_up_at = ?, updated_at = ?"
                + " WHERE customer_id = ?"))) {
      for (String id : batch.referencedCustomers) {
        Customer given = batch.customers.get(id);
        Customer stored = existing.get(id); // null for the customers created above
        if (stored != null && given != null) {
          // Null fields mean "not given": they keep what is stored.
          Customer merged = new Customer(
              id,
              firstNonNull(given.email(), stored.email()),
              firstNonNull(given.name(), stored.name()),
              firstNonNull(given.country(), stored.country()),
              firstNonNull(given.signedUpAt(), stored.signedUpAt()));
          if (!merged.equals(stored)) {
            update.text(merged.email()).text(merged.name()).text(merged.country())
                .timestamp(odt(merged.signedUpAt())).timestamp(ts).text(id).add();
            written++;
            touched.add(id);
          }
        }
      }
      update.execute();
    }
    return written;
  }

  private Map<String, Customer> readCustomers(Handle h, Collection<String> ids) {
    Map<String, Customer> found = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      h.createQuery(t.sql(
              "SELECT c.customer_id, c.email, c.name, c.country, c.signed_up_at"
                  + " FROM UNNEST(?) AS k(id) JOIN {customers} c ON c.customer_id = k.id"))
          .bindArray(0, String.class, chunk)
          .map((rs, ctx) -> new Customer(
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              instant(rs.getObject(5, OffsetDateTime.class))))
          .forEach(c -> found.put(c.id(), c));
    }
    return found;
  }

  private int writeProducts(Handle h, PreparedBatch batch, OffsetDateTime ts) {
    Map<String, Product> existing = readProducts(h, batch.referencedProducts);
    Connection c = h.getConnection();
    List<String> created = createMissing(c, batch.referencedProducts, existing, ids -> readProducts(h, ids),
        t.sql("INSERT INTO {products} (product_id, name, category, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
        (insert, id) -> {
          Product given = batch.products.get(id);
          Product p = given != null ? given : new Product(id, id, null);
          insert.text(p.id()).text(p.name()).text(p.category()).timestamp(ts).timestamp(ts);
        });
    int written = created.size();
    try (JdbcBatch update = new JdbcBatch(c, t.sql(
            "UPDATE {products} SET name = ?, category = ?, updated_at = ? WHERE product_id = ?"))) {
      for (String id : batch.referencedProducts) {
        Product given = batch.products.get(id);
        Product stored = existing.get(id); // null for the products created above
        if (stored != null && given != null) {
          Product merged = new Product(id, given.name(), firstNonNull(given.category(), stored.category()));
          if (!merged.equals(stored)) {
            update.text(merged.name()).text(merged.category()).timestamp(ts).text(id).add();
            written++;
          }
        }
      }
      update.execute();
    }
    return written;
  }

  private Map<String, Product> readProducts(Handle h, Collection<String> ids) {
    Map<String, Product> found = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      h.createQuery(t.sql("SELECT p.product_id, p.name, p.category"
              + " FROM UNNEST(?) AS k(id) JOIN {products} p ON p.product_id = k.id"))
          .bindArray(0, String.class, chunk)
          .map((rs, ctx) -> new Product(rs.getString(1), rs.getString(2), rs.getString(3)))
          .forEach(p -> found.put(p.id(), p));
    }
    return found;
  }

  /**
   * Inserts a row for each referenced key that is not in {@code existing}, in key order, and never fails because
   * a concurrent transaction created one of them first (issue 11, D1).
   *
   * <p>Adjacent batches of a file sorted by date keep creating the same new customers and products at the same
   * time. The database then refuses one insert as a unique violation; retrying the whole transaction raced again
   * with the next batches and could give up. Here only this step is redone: the inserts are rolled back to a
   * savepoint, the keys created meanwhile are read (they join {@code existing}, so the caller merges into them as
   * into any stored row) and the rest inserted again. Every unique violation means that another transaction
   * created one of our keys, so each round has fewer keys to create. PostgreSQL makes the second insert wait for
   * the first transaction's end; H2 may refuse it while that transaction is still open, so a round that finds no
   * new key waits a little for it to end. Keys are inserted in order, and this step holds none of its inserts
   * while it waits, so two batches cannot wait on each other here. Portable SQL: H2 has no
   * {@code ON CONFLICT DO NOTHING} outside its PostgreSQL mode, and its {@code MERGE} fails on the same race.
   *
   * @param referenced the keys the batch needs, sorted
   * @param existing the stored rows by key; the rows found after a collision are added
   * @param read reads the stored rows of some keys
   * @param insertSql the insert of one row
   * @param bind binds one key's row (without adding it)
   * @return the keys this transaction created
   */
  private static <T> List<String> createMissing(
      Connection c,
      Collection<String> referenced,
      Map<String, T> existing,
      Function<Collection<String>, Map<String, T>> read,
      String insertSql,
      BiConsumer<JdbcBatch, String> bind) {
    List<String> missing = new ArrayList<>();
    for (String id : referenced) {
      if (!existing.containsKey(id)) {
        missing.add(id);
      }
    }
    long waitingSince = 0;
    for (int round = 1; !missing.isEmpty(); round++) {
      Savepoint savepoint = savepoint(c);
      try (JdbcBatch insert = new JdbcBatch(c, insertSql)) {
        for (String id : missing) {
          bind.accept(insert, id);
          insert.add();
        }
        insert.execute();
      } catch (JdbcBatch.UncheckedSqlException e) {
        if (!TransactionRunner.isDuplicateKey(e)) {
          throw e;
        }
        rollbackTo(c, savepoint);
        Map<String, T> found = read.apply(missing);
        if (found.isEmpty()) {
          long now = System.nanoTime();
          if (waitingSince == 0) {
            waitingSince = now;
          } else if (now - waitingSince > MAX_CREATE_WAIT_NANOS) {
            throw e; // the other transaction did not end: left to the transaction's retry
          }
          pause(round);
        } else {
          waitingSince = 0;
          existing.putAll(found);
          missing.removeIf(found::containsKey);
        }
        continue;
      }
      release(c, savepoint);
      return missing;
    }
    return missing;
  }

  private static Savepoint savepoint(Connection c) {
    try {
      return c.setSavepoint();
    } catch (SQLException e) {
      throw new JdbcBatch.UncheckedSqlException(e);
    }
  }

  private static void rollbackTo(Connection c, Savepoint savepoint) {
    try {
      c.rollback(savepoint);
    } catch (SQLException e) {
      throw new JdbcBatch.UncheckedSqlException(e);
    }
  }

  private static void release(Connection c, Savepoint savepoint) {
    try {
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new JdbcBatch.UncheckedSqlException(e);
    }
  }

  private static void pause(int round) {
    try {
      Thread.sleep(Math.min(20, round));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("Interrupted while importing", e);
    }
  }

  /** @return how many orders were inserted, updated and left unchanged, and how many lines were written */
  private OrderCounts writeOrders(
      Handle h, PreparedBatch batch, OffsetDateTime ts, Set<String> touched) {
    Map<String, String> existing = new HashMap<>();
    Map<String, String> storedCustomer = new HashMap<>();
    for (List<String> chunk : chunks(batch.orders.keySet())) {
      h.createQuery(t.sql("SELECT o.order_id, o.content_hash, o.customer_id"
              + " FROM UNNEST(?) AS k(id) JOIN {orders} o ON o.order_id = k.id"))
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
    Connection c = h.getConnection();
    if (!updates.isEmpty()) {
      // Update the order rows first: that takes their row locks before the lines are replaced.
      try (JdbcBatch update = new JdbcBatch(c, t.sql(
              "UPDATE {orders} SET customer_id = ?, placed_at = ?, currency = ?, kind = ?, total_amount = ?,"
                  + " item_count = ?, line_count = ?, content_hash = ?, ingested_at = ? WHERE order_id = ?"));
          JdbcBatch deleteLines = new JdbcBatch(c, t.sql("DELETE FROM {order_lines} WHERE order_id = ?"))) {
        for (HashedOrder ho : updates) {
          orderColumns(update, ho, ts).text(ho.order().id()).add();
          deleteLines.text(ho.order().id()).add();
        }
        update.execute();
        deleteLines.execute();
      }
    }
    if (postgres && PostgresCopy.available(c)) {
      return new OrderCounts(inserts.size(), updates.size(), unchanged, copyNew(c, inserts, updates, ts, touched));
    }
    if (!inserts.isEmpty()) {
      try (JdbcBatch insert = new JdbcBatch(c, t.sql(
          "INSERT INTO {orders} (order_id, customer_id, placed_at, currency, kind, total_amount, item_count,"
              + " line_count, content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        for (HashedOrder ho : inserts) {
          orderColumns(insert.text(ho.order().id()), ho, ts).add();
        }
        insert.execute();
      }
    }
    int lines;
    try (JdbcBatch insertLines = new JdbcBatch(c, t.sql(
        "INSERT INTO {order_lines} (order_id, line_no, product_id, quantity, amount) VALUES (?, ?, ?, ?, ?)"))) {
      lines = forEachLine(updates, inserts, touched, (orderId, no, line) -> insertLines.text(orderId).integer(no)
          .text(line.productId()).integer(line.quantity()).decimal(line.amount()).add());
      insertLines.execute();
    }
    return new OrderCounts(inserts.size(), updates.size(), unchanged, lines);
  }

  /**
   * PostgreSQL: new orders and all new lines with COPY, in the same transaction.
   *
   * @return lines written
   */
  private int copyNew(
      Connection c, List<HashedOrder> inserts, List<HashedOrder> updates, OffsetDateTime ts, Set<String> touched) {
    PostgresCopy orders = PostgresCopy.forTable(t.sql("{orders}"),
        "order_id, customer_id, placed_at, currency, kind, total_amount, item_count, line_count, content_hash,"
            + " ingested_at");
    Instant ingested = ts.toInstant();
    for (HashedOrder ho : inserts) {
      Order o = ho.order();
      orders.text(o.id()).text(o.customerId()).timestamp(o.placedAt()).text(o.currency().getCurrencyCode())
          .text(o.kind().name()).numeric(o.total().amount()).integer((int) o.itemCount())
          .integer(o.lines().size()).text(ho.hash()).timestamp(ingested).endRow();
    }
    orders.execute(c);
    PostgresCopy lineRows = PostgresCopy.forTable(t.sql("{order_lines}"),
        "order_id, line_no, product_id, quantity, amount");
    int lines = forEachLine(updates, inserts, touched, (orderId, no, line) -> lineRows.text(orderId).integer(no)
        .text(line.productId()).integer(line.quantity()).numeric(line.amount()).endRow());
    lineRows.execute(c);
    return lines;
  }

  /** Receives one order line to write, numbered from 1 within its order. */
  @FunctionalInterface
  private interface LineWriter {
    void write(String orderId, int lineNo, OrderLine line);
  }

  /**
   * Hands every line of the updated and inserted orders to {@code writer}, noting their customers as touched.
   *
   * @return the number of lines
   */
  private static int forEachLine(
      List<HashedOrder> updates, List<HashedOrder> inserts, Set<String> touched, LineWriter writer) {
    int lines = 0;
    for (List<HashedOrder> group : List.of(updates, inserts)) {
      for (HashedOrder ho : group) {
        Order o = ho.order();
        touched.add(o.customerId());
        int no = 1;
        for (OrderLine line : o.lines()) {
          writer.write(o.id(), no++, line);
          lines++;
        }
      }
    }
    return lines;
  }

  /** Binds customer_id .. ingested_at, the columns insert and update share, in that order. */
  private static JdbcBatch orderColumns(JdbcBatch b, HashedOrder ho, OffsetDateTime ts) {
    Order o = ho.order();
    return b.text(o.customerId()).timestamp(odt(o.placedAt())).text(o.currency().getCurrencyCode())
        .text(o.kind().name()).decimal(o.total().amount()).integer((int) o.itemCount())
        .integer(o.lines().size()).text(ho.hash()).timestamp(ts);
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

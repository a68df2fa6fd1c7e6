package dev.custintel.core.sync;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host shop's own order tables in a database apart from the store's: a separate H2 in-memory database, or a
 * separate schema of the PostgreSQL test server. Orders and their lines in two tables, as shops keep them; the
 * order's {@code updated_at} is the watermark.
 */
final class HostShop implements AutoCloseable {
  /** The SQL a host would write for these tables. */
  static final String SQL = "SELECT o.id AS order_id, o.customer_id, o.created_at AS placed_at, o.currency, o.kind,"
      + " l.sku AS product_id, l.qty AS quantity, l.price AS unit_price, l.title AS product_name,"
      + " o.email, o.updated_at, o.version"
      + " FROM shop_orders o JOIN shop_lines l ON l.order_id = o.id"
      + " WHERE o.updated_at > :watermark ORDER BY o.updated_at, o.id, l.line_no LIMIT :limit";

  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final DataSource dataSource;
  private final Runnable drop;
  private long nextVersion = 1_000_000_000_000L;

  private HostShop(DataSource dataSource, Runnable drop) {
    this.dataSource = dataSource;
    this.drop = drop;
  }

  /** @param kind "h2" or "postgresql", as the store's test database is */
  static HostShop create(String kind) {
    String name = "host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    HostShop shop;
    if (kind.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      shop = new HostShop(h2, () -> run(h2, "SHUTDOWN"));
    } else {
      String base = System.getProperty("custintel.postgresUrl", PG_URL);
      try (Connection c = DriverManager.getConnection(base);
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name);
      shop = new HostShop(pg, () -> run(pg, "DROP SCHEMA " + name + " CASCADE"));
    }
    shop.execute("CREATE TABLE shop_orders (id VARCHAR(40) PRIMARY KEY, customer_id VARCHAR(40),"
        + " created_at TIMESTAMP WITH TIME ZONE, currency CHAR(3), kind VARCHAR(10), email VARCHAR(100),"
        + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL, version BIGINT NOT NULL)");
    shop.execute("CREATE TABLE shop_lines (order_id VARCHAR(40) NOT NULL, line_no INTEGER NOT NULL,"
        + " sku VARCHAR(40), qty INTEGER, price DECIMAL(12, 2), title VARCHAR(100),"
        + " PRIMARY KEY (order_id, line_no))");
    return shop;
  }

  private static void run(DataSource ds, String sql) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  void execute(String sql) {
    run(dataSource, sql);
  }

  /**
   * Adds an order (or, with an id already there, replaces it and its lines), each line one SKU at a price.
   *
   * @param skuQtyPrice triples: SKU, quantity, unit price
   */
  void put(String id, String customer, Instant placedAt, Instant updatedAt, Object... skuQtyPrice) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM shop_lines WHERE order_id = ?")) {
        del.setString(1, id);
        del.executeUpdate();
      }
      try (PreparedStatement del = c.prepareStatement("DELETE FROM shop_orders WHERE id = ?")) {
        del.setString(1, id);
        del.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO shop_orders (id, customer_id, created_at,"
          + " currency, kind, email, updated_at, version) VALUES (?, ?, ?, 'EUR', 'purchase', ?, ?, ?)")) {
        ins.setString(1, id);
        ins.setString(2, customer);
        ins.setObject(3, OffsetDateTime.ofInstant(placedAt, ZoneOffset.UTC));
        ins.setString(4, customer.toLowerCase() + "@example.com");
        ins.setObject(5, OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
        ins.setLong(6, nextVersion++);
        ins.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO shop_lines (order_id, line_no, sku, qty, price, title) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < skuQtyPrice.length; i += 3) {
          ins.setString(1, id);
          ins.setInt(2, i / 3 + 1);
          ins.setString(3, (String) skuQtyPrice[i]);
          ins.setInt(4, (Integer) skuQtyPrice[i + 1]);
          ins.setBigDecimal(5, new BigDecimal((String) skuQtyPrice[i + 2]));
          ins.setString(6, "Product " + skuQtyPrice[i]);
          ins.addBatch();
        }
        ins.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the last version {@link #put} gave an order */
  long lastVersion() {
    return nextVersion - 1;
  }

  @Override
  public void close() {
    drop.run();
  }
}

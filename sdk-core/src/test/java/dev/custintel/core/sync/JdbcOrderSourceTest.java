package dev.custintel.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.custintel.core.InvalidInputException;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC source's reading of a host's rows, on H2 and PostgreSQL: which columns it takes, how it groups and
 * pages, and which rows it refuses, naming the column and the order.
 */
class JdbcOrderSourceTest extends OnBothDatabases {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private HostShop shop;

  @BeforeEach
  void openShop() {
    if (databaseName.equals("postgresql")) {
      newDatabase.get().close(); // skips (or fails) as the other PostgreSQL tests do when there is no server
    }
    shop = HostShop.create(databaseName);
    shop.put("A", "C-1", T0, T0.plusSeconds(1), "S1", 2, "1.50", "S2", 1, "4.00");
    shop.put("B", "C-2", T0, T0.plusSeconds(2), "S1", 1, "1.50");
  }

  @AfterEach
  void closeShop() {
    if (shop != null) {
      shop.close();
    }
  }

  private OrderSource source(String sql) {
    return JdbcOrderSource.builder().name("shop").dataSource(shop.dataSource()).sql(sql)
        .timestampWatermark("updated_at").build();
  }

  private InvalidInputException refused(String sql) {
    try {
      source(sql).pull(null, 100);
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("not refused: " + sql);
  }

  @Test
  void pull_hostRows_areGroupedIntoOrders() {
    OrderSource.Batch batch = source(HostShop.SQL).pull(null, 100);

    assertThat(batch.orders()).containsExactly(
        new Order("A", "C-1", T0, Orders.EUR, OrderKind.PURCHASE, java.util.List.of(
            new OrderLine("S1", 2, new BigDecimal("3.00")), new OrderLine("S2", 1, new BigDecimal("4.00")))),
        new Order("B", "C-2", T0, Orders.EUR, OrderKind.PURCHASE, java.util.List.of(
            new OrderLine("S1", 1, new BigDecimal("1.50")))));
    assertThat(batch.customers()).extracting("id", "email").containsExactly(
        tuple("C-1", "c-1@example.com"), tuple("C-2", "c-2@example.com"));
    assertThat(batch.products()).extracting("id", "name").containsExactly(
        tuple("S1", "Product S1"), tuple("S2", "Product S2"));
    assertThat(batch.watermark()).isEqualTo("2025-01-01T00:00:02Z");
    assertThat(batch.hasMore()).isFalse();
    assertThat(source(HostShop.SQL).name()).isEqualTo("shop");
  }

  @Test
  void pull_lineAmountAndKind_areTaken() {
    shop.execute("UPDATE shop_orders SET kind = 'RETURN' WHERE id = 'B'");
    OrderSource.Batch batch = source(HostShop.SQL.replace("l.price AS unit_price",
        "l.price AS unit_price, l.price * 10 AS line_amount")).pull(null, 100);

    assertThat(batch.orders()).extracting(Order::id, Order::kind, o -> o.total().amount().stripTrailingZeros())
        .containsExactly(tuple("A", OrderKind.PURCHASE, new BigDecimal("55")),
            tuple("B", OrderKind.RETURN, new BigDecimal("15")));
  }

  @Test
  void pull_sqlWithoutLimit_isCappedAtTheLimit() {
    OrderSource.Batch first = source(HostShop.SQL.replace(" LIMIT :limit", "")).pull(null, 3);

    assertThat(first.orders()).extracting(Order::id).containsExactly("A");
    assertThat(first.watermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(first.hasMore()).isTrue();
  }

  @Test
  void pull_badValues_nameTheColumnAndTheOrder() {
    shop.execute("UPDATE shop_orders SET currency = 'EUX' WHERE id = 'B'");
    assertThat(refused(HostShop.SQL)).satisfies(e -> {
      assertThat(e.field()).isEqualTo("currency");
      assertThat(e.record()).isEqualTo("order 'B' of source 'shop'");
      assertThat(e.reason()).contains("EUX");
    });
    shop.execute("UPDATE shop_orders SET currency = 'EUR', customer_id = NULL WHERE id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("customer_id");
    shop.execute("UPDATE shop_orders SET customer_id = 'C-2', created_at = NULL WHERE id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("placed_at");
    shop.execute("UPDATE shop_orders SET created_at = TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00',"
        + " kind = 'gift' WHERE id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("kind");
    shop.execute("UPDATE shop_orders SET kind = NULL WHERE id = 'B'");
    shop.execute("UPDATE shop_lines SET price = -1 WHERE order_id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("unit_price");
    shop.execute("UPDATE shop_lines SET price = NULL WHERE order_id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("unit_price");
    shop.execute("UPDATE shop_lines SET price = 1, sku = NULL WHERE order_id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("product_id");
    shop.execute("UPDATE shop_lines SET sku = 'S1', qty = NULL WHERE order_id = 'B'");
    assertThat(refused(HostShop.SQL).field()).isEqualTo("quantity");
    shop.execute("UPDATE shop_lines SET qty = 1 WHERE order_id = 'B'");
    assertThat(source(HostShop.SQL).pull(null, 100).orders()).hasSize(2);
    assertThat(refused(HostShop.SQL.replace("l.qty AS quantity", "l.qty + 0.5 AS quantity")).field())
        .isEqualTo("quantity");
    assertThat(refused(HostShop.SQL.replace("l.price AS unit_price", "l.price + 0.00001 AS line_amount"))
        .field()).isEqualTo("line_amount");
    assertThat(refused(HostShop.SQL.replace("o.id AS order_id",
        "CASE WHEN o.id = 'B' THEN NULL ELSE o.id END AS order_id")).record()).isEqualTo("a row of source 'shop'");
    assertThat(refused(HostShop.SQL.replace("o.email,", "REPEAT('x', 400) AS email,")).field())
        .isEqualTo("email");
    assertThat(refused(HostShop.SQL.replace("o.customer_id,", "' ' || o.customer_id || ' ' || REPEAT('x', 70)"
        + " AS customer_id,")).field()).isEqualTo("customer_id");
  }

  @Test
  void pull_rowsOfOneOrderThatDisagree_areRefused() {
    InvalidInputException customer = refused(HostShop.SQL.replace("o.customer_id,",
        "CASE WHEN l.line_no = 2 THEN 'C-9' ELSE o.customer_id END AS customer_id,"));
    assertThat(customer.field()).isEqualTo("customer_id");
    assertThat(customer.record()).isEqualTo("order 'A' of source 'shop'");
    assertThat(customer.reason()).contains("C-1").contains("C-9");

    OrderSource perLine = JdbcOrderSource.builder().name("shop").dataSource(shop.dataSource())
        .sql(HostShop.SQL.replace("o.version", "o.version + l.line_no AS version")
            .replace("o.updated_at > :watermark", "o.version > :watermark"))
        .numberWatermark("version").build();
    assertThatThrownBy(() -> perLine.pull(null, 100)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo("version");
      assertThat(e.record()).isEqualTo("order 'A' of source 'shop'");
      assertThat(e.reason()).contains("one value for all rows of an order");
    });
  }

  @Test
  void pull_rowsNotOrderedByTheWatermark_areRefused() {
    InvalidInputException e = refused(HostShop.SQL.replace("ORDER BY o.updated_at,", "ORDER BY o.updated_at DESC,"));
    assertThat(e.field()).isEqualTo("updated_at");
    assertThat(e.reason()).contains("ORDER BY updated_at");
  }

  @Test
  void pull_missingColumns_areNamed() {
    assertThat(refused(HostShop.SQL.replace("l.qty AS quantity", "l.qty")).field()).isEqualTo("quantity");
    assertThat(refused(HostShop.SQL.replace("l.price AS unit_price", "l.price")).field())
        .isEqualTo("line_amount");
    assertThat(refused(HostShop.SQL.replace("o.email, o.updated_at", "o.email")).field())
        .isEqualTo("updated_at");
    assertThat(refused(HostShop.SQL.replace("o.email, o.updated_at", "o.email, o.email AS updated_at"))
        .field()).isEqualTo("updated_at");
  }

  @Test
  void pull_badWatermarkOrLimit_isRefused() {
    OrderSource source = source(HostShop.SQL);
    assertThatThrownBy(() -> source.pull("yesterday", 10)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("watermark"));
    assertThatThrownBy(() -> source.pull(null, 0)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("limit"));
    OrderSource byVersion = JdbcOrderSource.builder().name("v").dataSource(shop.dataSource())
        .sql(HostShop.SQL.replace("o.updated_at > :watermark", "o.version > :watermark")
            .replace("ORDER BY o.updated_at", "ORDER BY o.version"))
        .numberWatermark("version").build();
    assertThatThrownBy(() -> byVersion.pull("12a", 10)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("watermark"));
    // Decimal and huge watermarks are bound as decimals.
    assertThat(byVersion.pull("0.5", 10).orders()).hasSize(2);
    assertThat(byVersion.pull("99999999999999999999", 10).orders()).isEmpty();
    assertThat(byVersion.pull("1000000000000", 10).orders()).extracting(Order::id).containsExactly("B");
  }

  @Test
  void builder_missingOrBadSettings_areRefused() {
    DataSource ds = shop.dataSource();
    assertThatThrownBy(() -> JdbcOrderSource.builder().dataSource(ds).sql(HostShop.SQL)
        .timestampWatermark("updated_at").build()).hasMessageContaining("name");
    assertThatThrownBy(() -> JdbcOrderSource.builder().name("s").sql(HostShop.SQL)
        .timestampWatermark("updated_at").build()).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> JdbcOrderSource.builder().name("s").dataSource(ds)
        .timestampWatermark("updated_at").build()).hasMessageContaining("sql");
    assertThatThrownBy(() -> JdbcOrderSource.builder().name("s").dataSource(ds).sql(HostShop.SQL).build())
        .hasMessageContaining("timestampWatermark or numberWatermark");
    assertThatThrownBy(() -> JdbcOrderSource.builder().sql("SELECT 1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(":watermark");
    assertThatThrownBy(() -> JdbcOrderSource.builder().timestampWatermark("updated at"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column label");
    assertThatThrownBy(() -> JdbcOrderSource.builder().timestampWatermark("a").numberWatermark("b"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already set to 'a'");
    assertThatThrownBy(() -> JdbcOrderSource.builder().name(" s")).isInstanceOf(InvalidInputException.class);
  }

  /** The currency of the host's orders. */
  private static final class Orders {
    static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");
  }
}

package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin sync endpoints and the schedule over a JDBC source configured by properties: a shop's own tables in a
 * database of their own (H2 in memory), pulled into the server's store.
 */
class SyncEndpointTest {
  private static final String SQL = "SELECT o.id AS order_id, o.customer AS customer_id, o.placed AS placed_at,"
      + " 'EUR' AS currency, l.sku AS product_id, l.qty AS quantity, l.total AS line_amount, o.updated_at"
      + " FROM shop_orders o JOIN shop_lines l ON l.order_id = o.id"
      + " WHERE o.updated_at > :watermark ORDER BY o.updated_at, o.id LIMIT :limit";

  @TempDir Path dir;
  private String shopUrl;
  private Connection shop;

  @BeforeEach
  void shop() throws Exception {
    shopUrl = "jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    shop = DriverManager.getConnection(shopUrl);
    try (Statement s = shop.createStatement()) {
      s.execute("CREATE TABLE shop_orders (id VARCHAR(20) PRIMARY KEY, customer VARCHAR(20), placed TIMESTAMP WITH"
          + " TIME ZONE, updated_at TIMESTAMP WITH TIME ZONE)");
      s.execute("CREATE TABLE shop_lines (order_id VARCHAR(20), sku VARCHAR(20), qty INT, total DECIMAL(10,2))");
      for (int i = 1; i <= 30; i++) {
        s.execute("INSERT INTO shop_orders VALUES ('S-" + i + "', 'shopper-" + (i % 7) + "', TIMESTAMP WITH TIME ZONE"
            + " '2026-02-01 10:00:00+00' + " + i + " * INTERVAL '1' HOUR, TIMESTAMP WITH TIME ZONE"
            + " '2026-02-02 00:00:00+00' + " + (i / 4) + " * INTERVAL '1' MINUTE)");
        s.execute("INSERT INTO shop_lines VALUES ('S-" + i + "', 'SKU-" + (i % 3) + "', 1, " + i + ".50)");
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  private TestServer start(String... more) {
    String[] base = {"custintel.embedded.directory=" + dir.resolve("store"), "custintel.security.enabled=false",
        "custintel.sync.jdbc.name=shop", "custintel.sync.jdbc.url=" + shopUrl, "custintel.sync.jdbc.sql=" + SQL,
        "custintel.sync.page-size=8"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return TestServer.start(all);
  }

  @Test
  void runOnDemandReportsStatusAndIsIdempotent() {
    try (TestServer server = start()) {
      Response before = server.call("GET", "/admin/sync-status", null, Map.of());
      assertThat(before.status()).as(before.toString()).isEqualTo(200);
      assertThat(before.json().path("sources").get(0).asText()).isEqualTo("shop");
      assertThat(before.json().path("statuses").size()).isZero();

      Response run = server.call("POST", "/admin/sync", null, Map.of());
      assertThat(run.status()).as(run.toString()).isEqualTo(200);
      assertThat(run.json().get(0).path("ordersPulled").asLong()).isEqualTo(30);
      assertThat(run.json().get(0).path("ingested").path("ordersInserted").asInt()).isEqualTo(30);
      // shopper-3 has orders 3, 10, 17, 24: 3.50 + 10.50 + 17.50 + 24.50 = 56.00
      Response profile = server.call("GET", "/api/customers/shopper-3", null, Map.of());
      assertThat(profile.body()).contains("\"amount\":\"56.00\"");

      Response status = server.call("GET", "/admin/sync-status", null, Map.of());
      assertThat(status.json().path("statuses").get(0).path("outcome").asText()).isEqualTo("OK");
      assertThat(status.json().path("statuses").get(0).path("watermark").asText())
          .isEqualTo("2026-02-02T00:07:00Z");

      Response again = server.call("POST", "/admin/sync?source=shop", null, Map.of());
      assertThat(again.json().get(0).path("ordersPulled").asLong()).isZero();
      assertThat(server.call("POST", "/admin/sync?source=nope", null, Map.of()).status()).isEqualTo(404);
    }
  }

  @Test
  void scheduledSyncPullsNewOrdersAndAFailedRunMovesNothing() throws Exception {
    try (TestServer server = start("custintel.sync.interval=1s")) {
      waitFor(server, "shopper-3", 200);
      try (Statement s = shop.createStatement()) {
        s.execute("INSERT INTO shop_orders VALUES ('S-99', 'late-shopper', TIMESTAMP WITH TIME ZONE"
            + " '2026-03-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00')");
        s.execute("INSERT INTO shop_lines VALUES ('S-99', 'SKU-1', 2, 9.99)");
      }
      waitFor(server, "late-shopper", 200);
      // The run records its watermark in its own transaction after the orders': poll for it.
      String watermark = "";
      for (int i = 0; i < 80 && !watermark.equals("2026-03-01T10:00:00Z"); i++) {
        watermark = server.call("GET", "/admin/sync-status", null, Map.of()).json().path("statuses").get(0)
            .path("watermark").asText();
        if (!watermark.equals("2026-03-01T10:00:00Z")) {
          Thread.sleep(250);
        }
      }
      assertThat(watermark).isEqualTo("2026-03-01T10:00:00Z");

      try (Statement s = shop.createStatement()) {
        s.execute("INSERT INTO shop_orders VALUES ('S-100', 'bad-shopper', TIMESTAMP WITH TIME ZONE"
            + " '2026-03-02 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-03-02 10:00:00+00')");
        s.execute("INSERT INTO shop_lines VALUES ('S-100', 'SKU-1', 0, 1.00)");
      }
      Response failed = server.call("POST", "/admin/sync", null, Map.of());
      // 502 when this request's run met the bad row; 409 when a scheduled run held the source at that moment.
      assertThat(failed.status()).as(failed.toString()).isIn(502, 409);
      if (failed.status() == 502) {
        assertThat(failed.json().path("type").asText()).isEqualTo("urn:custintel:problem:source-data-invalid");
        assertThat(failed.json().path("errors").get(0).path("field").asText()).isEqualTo("quantity");
      }
      Response status = server.call("GET", "/admin/sync-status", null, Map.of());
      // A scheduled run may be the one that failed: either way the watermark stays and the error is recorded.
      assertThat(status.json().path("statuses").get(0).path("watermark").asText()).isEqualTo(watermark);
      assertThat(status.json().path("statuses").get(0).path("error").asText()).contains("quantity");
      assertThat(server.call("GET", "/api/customers/bad-shopper", null, Map.of()).status()).isEqualTo(404);
    }
  }

  private static void waitFor(TestServer server, String customer, int status) throws InterruptedException {
    for (int i = 0; i < 80; i++) {
      if (server.call("GET", "/api/customers/" + customer, null, Map.of()).status() == status) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(customer + " never answered " + status);
  }
}

package dev.custintel.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothStores;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull sync from a host's tables in a database apart from the store's, on H2 and PostgreSQL: what the first and
 * later runs pull and store, paging through many orders of one watermark value, failures that move nothing, and
 * runs that are refused, repeated and scheduled. Expected totals are computed here from the host rows (quantity x
 * price per line), not read back from the SDK.
 */
class SyncTest extends OnBothStores {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private HostShop shop;
  /** What the host holds: order id to the total its lines give. */
  private final Map<String, BigDecimal> expected = new TreeMap<>();

  @BeforeEach
  void openShop() {
    shop = HostShop.create(databaseName);
  }

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private OrderSource source(String name) {
    return JdbcOrderSource.builder().name(name).dataSource(shop.dataSource()).sql(HostShop.SQL)
        .timestampWatermark("updated_at").build();
  }

  /** Puts an order into the host and its expected total into {@link #expected}. */
  private void put(String id, String customer, Instant updatedAt, Object... skuQtyPrice) {
    shop.put(id, customer, T0.minus(Duration.ofDays(30)), updatedAt, skuQtyPrice);
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < skuQtyPrice.length; i += 3) {
      total = total.add(new BigDecimal((String) skuQtyPrice[i + 2]).multiply(BigDecimal.valueOf(
          (Integer) skuQtyPrice[i + 1])));
    }
    expected.put(id, total.stripTrailingZeros());
  }

  /** Orders O-first.. O-(first+count-1), one to three lines each, all changed at {@code updatedAt}. */
  private void putOrders(int first, int count, Instant updatedAt) {
    for (int i = first; i < first + count; i++) {
      Object[] lines = new Object[3 * (1 + i % 3)];
      for (int l = 0; l < lines.length / 3; l++) {
        lines[3 * l] = "SKU-" + ((i + l) % 7);
        lines[3 * l + 1] = 1 + (i + l) % 4;
        lines[3 * l + 2] = (5 + i % 11) + "." + (10 + l * 25);
      }
      put(String.format("O-%03d", i), "C-" + (i % 9), updatedAt, lines);
    }
  }

  /** @return order id to total amount and line count, as the store holds them */
  private Map<String, BigDecimal> stored() {
    StoreAccess access = StoreAccess.of(store);
    Map<String, BigDecimal> out = new TreeMap<>();
    access.read("reading orders", h -> h.createQuery(access.sql(
            "SELECT o.order_id, o.total_amount, o.line_count, (SELECT COUNT(*) FROM {order_lines} l"
                + " WHERE l.order_id = o.order_id) AS lines FROM {orders} o"))
        .map((rs, ctx) -> {
          assertThat(rs.getLong("lines")).as("lines of %s", rs.getString(1)).isEqualTo(rs.getLong("line_count"));
          return Map.entry(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
        })
        .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private SyncStatus status(String name) {
    return store.sync().status(name).orElseThrow();
  }

  @Test
  void run_firstTime_pullsEveryOrderWithItsLines() {
    for (int i = 0; i < 30; i++) {
      putOrders(i, 1, T0.plusSeconds(i % 2 == 0 ? i : i - 1)); // pairs of orders share a value
    }
    putOrders(30, 10, T0.plusSeconds(100)); // 19 rows of one value: more than a page

    SyncResult result = store.sync().run(source("shop"), 7);

    assertThat(stored()).isEqualTo(expected).hasSize(40);
    assertThat(result.ordersPulled()).isEqualTo(40);
    assertThat(result.ingested().ordersInserted()).isEqualTo(40);
    assertThat(result.startWatermark()).isNull();
    assertThat(result.watermark()).isEqualTo("2025-01-01T00:01:40Z");
    // 60 rows in pairs of orders of 3 to 5 rows: at least 60 / 7 full pages, then the last value's.
    assertThat(result.pages()).isGreaterThanOrEqualTo(9);
    SyncStatus status = status("shop");
    assertThat(status.outcome()).isEqualTo(SyncOutcome.OK);
    assertThat(status.running()).isFalse();
    assertThat(status.watermark()).isEqualTo("2025-01-01T00:01:40Z");
    assertThat(status.ordersPulled()).isEqualTo(40);
    assertThat(status.ordersWritten()).isEqualTo(40);
    assertThat(status.error()).isNull();
    assertThat(status.lastEndedAt()).isAfterOrEqualTo(status.lastStartedAt());
    // The email column came along: the customer row has it.
    StoreAccess access = StoreAccess.of(store);
    assertThat(access.<String>read("email", h -> h.createQuery(access.sql(
            "SELECT email FROM {customers} WHERE customer_id = 'C-4'")).mapTo(String.class).one()))
        .isEqualTo("c-4@example.com");
    assertThat(access.<String>read("product", h -> h.createQuery(access.sql(
            "SELECT name FROM {products} WHERE product_id = 'SKU-3'")).mapTo(String.class).one()))
        .isEqualTo("Product SKU-3");
  }

  @Test
  void run_afterChanges_pullsOnlyChangedOrdersAndTheNewVersionsWin() {
    putOrders(0, 20, T0.plusSeconds(1));
    store.sync().run(source("shop"), 5);

    // Two orders change (a line's quantity, a line more), one is touched without a change, two are new.
    put("O-003", "C-3", T0.plusSeconds(10), "SKU-1", 9, "2.50");
    put("O-011", "C-2", T0.plusSeconds(10), "SKU-1", 1, "2.50", "SKU-2", 3, "1.25");
    shop.execute("UPDATE shop_orders SET updated_at = TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:11+00'"
        + " WHERE id = 'O-007'");
    put("N-1", "C-new", T0.plusSeconds(12), "SKU-9", 2, "10.00");
    put("N-2", "C-new", T0.plusSeconds(12), "SKU-9", 1, "10.00");

    SyncResult second = store.sync().run(source("shop"), 5);

    assertThat(second.startWatermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(second.ordersPulled()).isEqualTo(5);
    assertThat(second.ingested().ordersUpdated()).isEqualTo(2);
    assertThat(second.ingested().ordersInserted()).isEqualTo(2);
    assertThat(second.ingested().ordersUnchanged()).isEqualTo(1);
    assertThat(second.watermark()).isEqualTo("2025-01-01T00:00:12Z");
    assertThat(stored()).isEqualTo(expected).containsEntry("O-003", new BigDecimal("22.5"))
        .containsEntry("O-011", new BigDecimal("6.25"));
    assertThat(status("shop").ordersPulled()).isEqualTo(5);
    assertThat(status("shop").ordersWritten()).isEqualTo(4);
  }

  @Test
  void run_manyOrdersOfOneWatermarkAcrossPages_losesNone() {
    // 12 orders share the first value (27 rows), 15 the second, 3 the third; pages of 4 rows.
    putOrders(0, 12, T0.plusMillis(1));
    putOrders(12, 15, T0.plusMillis(2));
    putOrders(27, 3, T0.plusMillis(3));

    OrderSource.Batch first = source("shop").pull(null, 4);
    // Every row of the full page had one value, so it was read again until the whole value fit.
    assertThat(first.orders()).extracting(o -> o.id()).containsExactlyElementsOf(ids(0, 12));
    assertThat(first.watermark()).isEqualTo("2025-01-01T00:00:00.001Z");
    assertThat(first.hasMore()).isTrue();

    SyncResult result = store.sync().run(source("shop"), 4);

    assertThat(stored()).isEqualTo(expected).hasSize(30);
    assertThat(result.ordersPulled()).isEqualTo(30); // none twice
    assertThat(result.watermark()).isEqualTo("2025-01-01T00:00:00.003Z");
  }

  @Test
  void pull_fullPageEndingInsideAValue_leavesThatValueToTheNextPage() {
    put("A", "C-1", T0.plusSeconds(1), "S1", 1, "1.00");
    put("B", "C-1", T0.plusSeconds(2), "S1", 1, "1.00", "S2", 1, "1.00");
    put("C", "C-1", T0.plusSeconds(2), "S1", 1, "1.00");

    OrderSource source = source("shop");
    OrderSource.Batch first = source.pull(null, 3); // A, B's two lines: C's row of the same value is past it
    assertThat(first.orders()).extracting(o -> o.id()).containsExactly("A");
    assertThat(first.hasMore()).isTrue();
    OrderSource.Batch second = source.pull(first.watermark(), 3);
    assertThat(second.orders()).extracting(o -> o.id()).containsExactly("B", "C");
    assertThat(second.orders().get(0).lines()).hasSize(2);
    assertThat(second.hasMore()).isFalse();
    OrderSource.Batch empty = source.pull(second.watermark(), 3);
    assertThat(empty.orders()).isEmpty();
    assertThat(empty.watermark()).isEqualTo(second.watermark()).isEqualTo("2025-01-01T00:00:02Z");
    assertThat(empty.hasMore()).isFalse();
  }

  @Test
  void run_numberWatermark_isKeptExactly() {
    putOrders(0, 9, T0);
    OrderSource byVersion = JdbcOrderSource.builder().name("versions").dataSource(shop.dataSource())
        .sql(HostShop.SQL.replace("o.updated_at > :watermark", "o.version > :watermark")
            .replace("ORDER BY o.updated_at", "ORDER BY o.version"))
        .numberWatermark("version").build();

    SyncResult result = store.sync().run(byVersion, 4);

    assertThat(result.watermark()).isEqualTo(Long.toString(shop.lastVersion())).isEqualTo("1000000000008");
    assertThat(stored()).isEqualTo(expected);
    put("O-001", "C-1", T0, "SKU-1", 2, "3.00");
    SyncResult second = store.sync().run(byVersion, 4);
    assertThat(second.ordersPulled()).isEqualTo(1);
    assertThat(second.watermark()).isEqualTo("1000000000009");
    assertThat(stored()).isEqualTo(expected);
  }

  @Test
  void run_again_pullsAndWritesNothing() {
    putOrders(0, 10, T0.plusSeconds(1));
    SyncResult first = store.sync().run(source("shop"));

    SyncResult again = store.sync().run(source("shop"));

    assertThat(again.ordersPulled()).isZero();
    assertThat(again.ingested().ordersWritten()).isZero();
    assertThat(again.watermark()).isEqualTo(first.watermark());
    assertThat(status("shop").watermark()).isEqualTo(first.watermark());
    // The same data from the start (a source of another name) is all recognised: nothing is written.
    SyncResult copy = store.sync().run(source("shop-copy"), 3);
    assertThat(copy.ordersPulled()).isEqualTo(10);
    assertThat(copy.ingested().ordersUnchanged()).isEqualTo(10);
    assertThat(copy.ingested().ordersWritten()).isZero();
    assertThat(stored()).isEqualTo(expected);
    assertThat(store.sync().statuses()).extracting(SyncStatus::source).containsExactly("shop", "shop-copy");
  }

  @Test
  void run_badSql_recordsTheFailureAndMovesNothing() {
    putOrders(0, 5, T0.plusSeconds(1));
    store.sync().run(source("shop"));
    Map<String, BigDecimal> before = stored();
    OrderSource broken = JdbcOrderSource.builder().name("shop").dataSource(shop.dataSource())
        .sql(HostShop.SQL.replace("FROM shop_orders", "FROM no_such_table")).timestampWatermark("updated_at")
        .build();
    putOrders(5, 3, T0.plusSeconds(2));

    assertThatThrownBy(() -> store.sync().run(broken))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("Pulling from source 'shop' failed");

    assertThat(stored()).isEqualTo(before);
    SyncStatus status = status("shop");
    assertThat(status.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(status.watermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(status.running()).isFalse();
    assertThat(status.error()).startsWith("DataAccessException: Pulling from source 'shop' failed")
        .containsIgnoringCase("no_such_table");
    // The next good run starts where the last good one ended.
    SyncResult next = store.sync().run(source("shop"));
    assertThat(next.startWatermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(next.ordersPulled()).isEqualTo(3);
    assertThat(stored()).isEqualTo(expected);
  }

  @Test
  void run_badValue_namesTheColumnAndTheOrderAndMovesNothing() {
    putOrders(0, 5, T0.plusSeconds(1));
    store.sync().run(source("shop"));
    Map<String, BigDecimal> before = stored();
    put("O-002", "C-2", T0.plusSeconds(5), "SKU-1", 3, "9.99");
    shop.execute("UPDATE shop_lines SET qty = 0 WHERE order_id = 'O-002'");

    assertThatThrownBy(() -> store.sync().run(source("shop")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("quantity");
          assertThat(e.record()).isEqualTo("order 'O-002' of source 'shop'");
        });

    assertThat(stored()).isEqualTo(before);
    SyncStatus status = status("shop");
    assertThat(status.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(status.watermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(status.error()).contains("order 'O-002'").contains("quantity");
  }

  @Test
  void run_failureWithACredentialInItsMessage_recordsItMasked() {
    OrderSource leaky = named("leaky", (watermark, limit) -> {
      throw new IllegalStateException(
          "cannot reach jdbc:postgresql://shop:hunter2@db:5432/shop?password=hunter2&ssl=true");
    });

    assertThatThrownBy(() -> store.sync().run(leaky)).isInstanceOf(IllegalStateException.class);

    SyncStatus status = status("leaky");
    assertThat(status.error()).doesNotContain("hunter2").contains("***").startsWith("IllegalStateException");
    assertThat(status.watermark()).isNull();
    assertThat(status.outcome()).isEqualTo(SyncOutcome.FAILED);
  }

  @Test
  void run_failureOnALaterPage_keepsTheWatermarkAndTheNextRunRepullsUnchanged() {
    putOrders(0, 6, T0.plusSeconds(1));
    putOrders(6, 6, T0.plusSeconds(2));
    OrderSource good = source("shop");
    AtomicInteger pulls = new AtomicInteger();
    OrderSource failsSecondPage = named("shop", (watermark, limit) -> {
      if (pulls.incrementAndGet() == 2) {
        throw new DataAccessException("connection reset", new SQLException("reset"));
      }
      return good.pull(watermark, limit);
    });

    assertThatThrownBy(() -> store.sync().run(failsSecondPage, 13)).isInstanceOf(DataAccessException.class);
    assertThat(status("shop").watermark()).isNull();
    assertThat(status("shop").ordersPulled()).isEqualTo(6); // the first page went in
    assertThat(stored()).hasSize(6);

    SyncResult next = store.sync().run(good, 13);
    assertThat(next.ingested().ordersUnchanged()).isEqualTo(6);
    assertThat(next.ingested().ordersInserted()).isEqualTo(6);
    assertThat(stored()).isEqualTo(expected);
  }

  @Test
  void run_whileAnotherRunsTheSameSource_isRefused() throws Exception {
    putOrders(0, 3, T0.plusSeconds(1));
    CountDownLatch pulling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OrderSource good = source("shop");
    OrderSource slow = named("shop", (watermark, limit) -> {
      pulling.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return good.pull(watermark, limit);
    });
    CompletableFuture<SyncResult> first = CompletableFuture.supplyAsync(() -> store.sync().run(slow));
    assertThat(pulling.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> store.sync().run(good))
        .isInstanceOfSatisfying(SyncInProgressException.class, e -> {
          assertThat(e.source()).isEqualTo("shop");
          assertThat(e.runningSince()).isEqualTo(status("shop").lastStartedAt());
        });
    assertThat(status("shop").running()).isTrue();
    assertThat(store.sync().run(source("other")).ordersPulled()).isEqualTo(3); // another source may run

    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).ordersPulled()).isEqualTo(3);
    assertThat(status("shop").running()).isFalse();
    assertThat(status("shop").outcome()).isEqualTo(SyncOutcome.OK);
    assertThat(store.sync().run(good).ordersPulled()).isZero(); // free again
  }

  @Test
  void schedule_runsUntilClosed() throws Exception {
    putOrders(0, 4, T0.plusSeconds(1));
    SyncScheduler scheduler = store.sync().schedule(source("shop"), Duration.ofSeconds(1));
    assertThat(scheduler.source()).isEqualTo("shop");
    awaitStored(4);
    putOrders(4, 2, T0.plusSeconds(2));
    awaitStored(6);
    assertThat(scheduler.runsStarted()).isGreaterThanOrEqualTo(2);

    scheduler.close();
    long runs = scheduler.runsStarted();
    putOrders(6, 1, T0.plusSeconds(3));
    Thread.sleep(1_500);
    assertThat(scheduler.isClosed()).isTrue();
    assertThat(scheduler.runsStarted()).isEqualTo(runs);
    assertThat(stored()).hasSize(6);
    assertThat(status("shop").watermark()).isEqualTo("2025-01-01T00:00:02Z");

    // A schedule left open is stopped by the store's close.
    SyncScheduler open = store.sync().schedule(source("shop"), Duration.ofSeconds(1));
    store.close();
    assertThat(open.isClosed()).isTrue();
  }

  @Test
  void run_sourceThatHeldTheSourceAndDied_isTakenOverOnceItIsStale() {
    putOrders(0, 2, T0.plusSeconds(1));
    store.sync().run(source("shop"));
    putOrders(2, 2, T0.plusSeconds(2));
    StoreAccess access = StoreAccess.of(store);
    // As if a process had claimed the source just now and then died.
    access.inTransaction("claim", h -> h.execute(access.sql(
        "UPDATE {sync_status} SET running = TRUE, run_token = 'dead' WHERE source_name = 'shop'")));
    assertThatThrownBy(() -> store.sync().run(source("shop"))).isInstanceOf(SyncInProgressException.class);

    access.inTransaction("stale", h -> h.execute(access.sql(
        "UPDATE {sync_status} SET heartbeat_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'")));
    SyncResult taken = store.sync().run(source("shop"));

    assertThat(taken.startWatermark()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(taken.ordersPulled()).isEqualTo(2);
    assertThat(status("shop").running()).isFalse();
    assertThat(stored()).isEqualTo(expected);
  }

  @Test
  void run_sourceWhosePagesDoNotMoveOn_isStopped() {
    OrderSource stuck = named("stuck", (watermark, limit) -> {
      return OrderSource.Batch.ofOrders(List.of(), "w1", true);
    });

    assertThatThrownBy(() -> store.sync().run(stuck)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo("watermark");
      assertThat(e.record()).isEqualTo("source 'stuck'");
    });
    assertThat(status("stuck").watermark()).isNull();
    assertThat(status("stuck").outcome()).isEqualTo(SyncOutcome.FAILED);
  }

  @Test
  void arguments_outOfRange_areRefused() {
    OrderSource shopSource = source("shop");
    assertThatThrownBy(() -> store.sync().run(shopSource, 0)).isInstanceOfSatisfying(
        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pageSize"));
    assertThatThrownBy(() -> store.sync().run(shopSource, 100_001)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.sync().schedule(shopSource, Duration.ofMillis(999))).isInstanceOfSatisfying(
        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("interval"));
    assertThatThrownBy(() -> OrderSource.Batch.ofOrders(List.of(), "x".repeat(257), false))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("watermark"));
    assertThat(store.sync().status("never")).isEmpty();
    assertThat(store.sync().statuses()).isEmpty();
  }

  private void awaitStored(int orders) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stored().size() < orders && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(stored()).isEqualTo(expected);
  }

  /** A source of the given name whose pulls the test writes. */
  private static OrderSource named(String name, Pull pull) {
    return new OrderSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Batch pull(@Nullable String watermark, int limit) {
        return pull.pull(watermark, limit);
      }
    };
  }

  /** What a test source does on a pull. */
  private interface Pull {
    OrderSource.Batch pull(@Nullable String watermark, int limit);
  }

  private static List<String> ids(int first, int count) {
    List<String> out = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      out.add(String.format("O-%03d", i));
    }
    return out;
  }
}

package dev.custintel.core.store;

import static dev.custintel.core.testing.Orders.day;
import static dev.custintel.core.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.customer.CustomerQuery;
import dev.custintel.core.customer.CustomerRank;
import dev.custintel.core.customer.CustomerSort;
import dev.custintel.core.customer.CustomerSummary;
import dev.custintel.core.customer.DateRange;
import dev.custintel.core.customer.CustomerPage;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.ingest.IngestResult;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.model.Product;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store, ingestion and profile suite, on H2 and on PostgreSQL: a fresh database for each test. */
class StoreTest extends OnBothDatabases {
  static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Currency EUR = Currency.getInstance("EUR");
  static final Currency USD = Currency.getInstance("USD");

  TestDatabase db;
  CustintelStore store;
  SimpleMeterRegistry registry;

  @BeforeEach
  void open() {
    db = newDatabase.get();
    registry = new SimpleMeterRegistry();
    store = db.configure(CustintelStore.builder())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .meterRegistry(registry)
        .build();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void ingest_newBatch_insertsEverythingAndCountsIt() {
    IngestResult r = store.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("C1", "c1@example.com", "Ada", "France", day("2024-01-01")))
        .product(Product.of("P1", "Coffee beans", "Coffee"))
        .order(order("O1", "C1", "2024-02-01", "P1", "10.00", "P2", "5.50"))
        .order(order("O2", "C2", "2024-03-01", "P1", "12.00"))
        .build());

    assertThat(r)
        .extracting(IngestResult::ordersInserted, IngestResult::ordersUpdated, IngestResult::ordersUnchanged,
            IngestResult::customersWritten, IngestResult::productsWritten, IngestResult::orderLinesWritten)
        .containsExactly(2, 0, 0, 2, 2, 3);
    assertThat(store.customers().count()).isEqualTo(2);
    CustomerProfile c2 = store.customers().profile("C2");
    assertThat(c2.country()).isNull();
    assertThat(c2.totalSpent().toString()).isEqualTo("12.00 EUR");
  }

  @Test
  void ingest_idsWithQuotesCommasAndAccents_roundTripExactly() {
    // PostgreSQL bulk-loads with COPY in CSV form: separators, quotes and non-ASCII must survive it
    String customer = "Zoë \"the, best\" Müller";
    Order o = Order.purchase("INV,2024\"01", customer, Instant.parse("2024-02-01T10:15:30.123456Z"), EUR, List.of(
        new OrderLine("SKU \"A\",1", 2, new BigDecimal("10.0001")), new OrderLine("Ünïcode-β", 1, BigDecimal.ZERO)));
    store.ingestion().upsertOrders(List.of(o));

    CustomerProfile p = store.customers().profile(customer);
    assertThat(p.firstOrderAt()).isEqualTo(Instant.parse("2024-02-01T10:15:30.123456Z"));
    assertThat(p.totalSpent().amount()).isEqualByComparingTo("10.0001");
    assertThat(p.topProducts()).extracting("productId").containsExactly("SKU \"A\",1", "Ünïcode-β");
    assertThat(store.ingestion().upsertOrders(List.of(o)).ordersUnchanged()).isEqualTo(1);
  }

  @Test
  void ingest_sameBatchTwice_changesNothingTheSecondTime() {
    IngestBatch batch = IngestBatch.ofOrders(List.of(
        order("O1", "C1", "2024-02-01", "P1", "10.00"), order("O2", "C1", "2024-03-01", "P1", "10.5")));
    store.ingestion().ingest(batch);
    CustomerProfile before = store.customers().profile("C1");

    // amounts equal by value (10.5 vs 10.50) are the same order
    IngestResult again = store.ingestion().ingest(IngestBatch.ofOrders(List.of(
        order("O1", "C1", "2024-02-01", "P1", "10.0000"), order("O2", "C1", "2024-03-01", "P1", "10.50"))));

    assertThat(again)
        .extracting(IngestResult::ordersInserted, IngestResult::ordersUpdated, IngestResult::ordersUnchanged,
            IngestResult::customersWritten, IngestResult::productsWritten, IngestResult::orderLinesWritten)
        .containsExactly(0, 0, 2, 0, 0, 0);
    assertThat(store.customers().profile("C1")).isEqualTo(before);
  }

  @Test
  void ingest_changedOrder_replacesItsLinesAndRefreshesTheCachedProfile() {
    store.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "10.00", "P2", "3.00")));
    assertThat(store.customers().profile("C1").totalSpent().amount()).isEqualByComparingTo("13.00");

    IngestResult r = store.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P3", "7.25")));

    assertThat(r.ordersUpdated()).isEqualTo(1);
    assertThat(r.orderLinesWritten()).isEqualTo(1);
    CustomerProfile p = store.customers().profile("C1");
    assertThat(p.totalSpent().amount()).isEqualByComparingTo("7.25");
    assertThat(p.topProducts()).extracting("productId").containsExactly("P3");
  }

  @Test
  void ingest_orderMovedToAnotherCustomer_updatesBothProfiles() {
    store.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "10.00"),
        order("O2", "C1", "2024-02-02", "P1", "1.00")));
    assertThat(store.customers().profile("C1").orders()).isEqualTo(2);

    store.ingestion().upsertOrders(List.of(order("O1", "C2", "2024-02-01", "P1", "10.00")));

    assertThat(store.customers().profile("C1").orders()).isEqualTo(1);
    assertThat(store.customers().profile("C2").orders()).isEqualTo(1);
  }

  @Test
  void ingest_conflictingDuplicateInBatch_writesNothingAndNamesTheRecord() {
    IngestBatch batch = IngestBatch.ofOrders(List.of(
        order("O1", "C1", "2024-02-01", "P1", "10.00"),
        order("O2", "C2", "2024-02-01", "P1", "10.00"),
        order("O1", "C1", "2024-02-01", "P1", "99.00")));

    assertThatThrownBy(() -> store.ingestion().ingest(batch))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("orders[2] 'O1'")
        .extracting("field").isEqualTo("id");
    assertThat(store.customers().count()).isZero();
  }

  @Test
  void ingest_quantitiesOverflowingTheItemCount_writesNothing() {
    Order huge = Order.purchase("O9", "C9", day("2024-01-01"), EUR, List.of(
        new OrderLine("P1", Integer.MAX_VALUE, BigDecimal.ONE), new OrderLine("P2", 2, BigDecimal.ONE)));
    IngestBatch batch = IngestBatch.ofOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "1"), huge));

    assertThatThrownBy(() -> store.ingestion().ingest(batch))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'O9'")
        .extracting("field").isEqualTo("lines");
    assertThat(store.customers().count()).isZero();
  }

  @Test
  void ingest_customerSentAgainWithNulls_keepsWhatIsStored() {
    store.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("C1", "c1@example.com", "Ada", "France", null)).build());
    store.ingestion().ingest(IngestBatch.builder().customer(Customer.of("C1", "Spain")).build());

    store.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "1")));
    CustomerProfile p = store.customers().profile("C1");
    assertThat(p.email()).isEqualTo("c1@example.com");
    assertThat(p.country()).isEqualTo("Spain");
  }

  @Test
  void profile_unknownCustomer_throwsNotFound() {
    assertThatThrownBy(() -> store.customers().profile("nobody"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("nobody"))
        .hasMessage("No customer with id 'nobody' in the store. Check the id: a customer is stored when an order or"
            + " a customer record with that id is ingested.");
  }

  @Test
  void profile_mixedOrdersAndReturns_computesEveryFigure() {
    store.ingestion().ingest(IngestBatch.builder()
        .customer(new Customer("C1", null, null, "France", day("2023-12-01")))
        .product(Product.of("BEANS", "Coffee beans", "Coffee"))
        .product(Product.of("MUG", "Mug", "Mugs"))
        .product(Product.of("TEA", "Tea", "Tea"))
        .order(Order.purchase("O1", "C1", day("2024-01-10"), EUR, List.of(
            new OrderLine("BEANS", 2, new BigDecimal("20.00")), new OrderLine("MUG", 1, new BigDecimal("8.00")))))
        .order(Order.purchase("O2", "C1", day("2024-03-01"), EUR, List.of(
            new OrderLine("BEANS", 3, new BigDecimal("30.00")))))
        .order(Order.purchase("O3", "C1", day("2024-05-02"), EUR, List.of(
            new OrderLine("TEA", 1, new BigDecimal("4.00")))))
        .order(new Order("R1", "C1", day("2024-03-05"), EUR, OrderKind.RETURN, List.of(
            new OrderLine("MUG", 1, new BigDecimal("8.00")))))
        .order(Order.purchase("O4", "C1", day("2024-04-01"), USD, List.of(
            new OrderLine("TEA", 1, new BigDecimal("99.00")))))
        .build());

    CustomerProfile p = store.customers().profile("C1");

    assertThat(p.orders()).isEqualTo(4);
    assertThat(p.returns()).isEqualTo(1);
    assertThat(p.totalSpent().toString()).isEqualTo("54.00 EUR"); // 28 + 30 + 4 - 8
    assertThat(p.averageOrderValue().toString()).isEqualTo("20.67 EUR"); // 62 / 3
    assertThat(p.ordersInOtherCurrencies()).isEqualTo(1);
    assertThat(p.firstOrderAt()).isEqualTo(day("2024-01-10"));
    assertThat(p.lastOrderAt()).isEqualTo(day("2024-05-02"));
    assertThat(p.daysSinceLastOrder()).isEqualTo(30L);
    assertThat(p.tenureDays()).isEqualTo(183L); // from sign-up 2023-12-01
    assertThat(p.topProducts())
        .extracting("productId", "quantity", "orders")
        .containsExactly(tuple("BEANS", 5L, 2L), tuple("MUG", 1L, 1L), tuple("TEA", 1L, 1L));
    assertThat(p.topCategories()).extracting("category").containsExactly("Coffee", "Mugs", "Tea");
    assertThat(p.asOf()).isEqualTo(NOW);
  }

  @Test
  void profile_customerWithoutOrders_hasNoMoneyFigures() {
    store.ingestion().ingest(IngestBatch.builder().customer(Customer.of("C1")).build());

    CustomerProfile p = store.customers().profile("C1");

    assertThat(p.orders()).isZero();
    assertThat(p.totalSpent()).isNull();
    assertThat(p.daysSinceLastOrder()).isNull();
    assertThat(p.tenureDays()).isNull();
  }

  @Test
  void profile_secondRead_isServedFromTheCache() {
    store.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "1")));
    store.customers().profile("C1");
    store.customers().profile("C1");

    assertThat(registry.get("custintel.cache.gets").tag("cache", "profiles").tag("result", "hit").functionCounter()
        .count()).isEqualTo(1.0);
    assertThat(registry.get("custintel.cache.gets").tag("cache", "profiles").tag("result", "miss").functionCounter()
        .count()).isEqualTo(1.0);
    assertThat(registry.get("custintel.operation").tag("op", "customers.profile").timer().count()).isEqualTo(2);
    assertThat(registry.get("custintel.pool.connections").tag("state", "total").gauge().value()).isPositive();
    assertThat(registry.get("custintel.ingest.orders").tag("result", "inserted").counter().count()).isEqualTo(1.0);
  }

  @Test
  void top_period_ranksByNetSpendAndIgnoresOrdersOutsideIt() {
    store.ingestion().upsertOrders(List.of(
        order("O1", "A", "2024-05-01", "P1", "50"),
        order("O2", "B", "2024-05-02", "P1", "80"),
        order("O3", "C", "2024-05-03", "P1", "80"),
        order("O4", "A", "2024-04-30", "P1", "500"), // outside May
        new Order("R1", "B", day("2024-05-20"), EUR, OrderKind.RETURN, List.of(new OrderLine("P1", 1,
            new BigDecimal("45"))))));

    List<CustomerRank> top = store.customers().top(2, DateRange.ofDays(LocalDate.parse("2024-05-01"),
        LocalDate.parse("2024-05-31")));

    assertThat(top).extracting(CustomerRank::rank, CustomerRank::customerId, r -> r.netSpent().amount().intValue())
        .containsExactly(tuple(1, "C", 80), tuple(2, "A", 50));
  }

  @Test
  void top_mixedCurrencies_requiresACurrency() {
    store.ingestion().upsertOrders(List.of(order("O1", "A", "2024-05-01", "P1", "50"),
        Order.purchase("O2", "B", day("2024-05-01"), USD, List.of(new OrderLine("P1", 1, BigDecimal.TEN)))));
    DateRange may = DateRange.month(java.time.YearMonth.of(2024, 5));

    assertThatThrownBy(() -> store.customers().top(5, may))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[EUR, USD]")
        .extracting("field").isEqualTo("currency");
    assertThat(store.customers().top(5, may, USD)).extracting(CustomerRank::customerId).containsExactly("B");
    assertThatThrownBy(() -> store.customers().query(CustomerQuery.builder().sort(CustomerSort.SPEND_DESC).build()))
        .isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("currency");
    assertThat(store.customers().query(CustomerQuery.builder().sort(CustomerSort.SPEND_DESC).currency(EUR).build())
        .items()).extracting(CustomerSummary::customerId).containsExactly("A");
  }

  @Test
  void query_filters_combineInactivityCountryAndMinimumOrders() {
    store.ingestion().ingest(IngestBatch.builder()
        .customer(Customer.of("A", "France")).customer(Customer.of("B", "France")).customer(Customer.of("C", "Spain"))
        .customer(Customer.of("D", "France"))
        .order(order("A1", "A", "2024-01-01", "P1", "1")).order(order("A2", "A", "2024-01-15", "P1", "1"))
        .order(order("B1", "B", "2024-05-20", "P1", "1")).order(order("B2", "B", "2024-05-21", "P1", "1"))
        .order(order("C1", "C", "2023-01-01", "P1", "1")).order(order("C2", "C", "2023-02-01", "P1", "1"))
        .order(order("D1", "D", "2023-02-01", "P1", "1"))
        .build());

    CustomerPage page = store.customers().query(CustomerQuery.builder()
        .inactiveForAtLeastDays(90).country("France").minOrders(2).build());

    assertThat(page.items()).extracting(CustomerSummary::customerId, CustomerSummary::orders)
        .containsExactly(tuple("A", 2L));
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void query_paging_visitsEveryCustomerOnceInIdOrder() {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      orders.add(order("O" + i, String.format("C%02d", i), "2024-01-01", "P1", String.valueOf(i + 1)));
    }
    store.ingestion().upsertOrders(orders);

    List<String> seen = new ArrayList<>();
    CustomerQuery q = CustomerQuery.builder().limit(10).build();
    CustomerPage page;
    int pages = 0;
    do {
      page = store.customers().query(q);
      page.items().forEach(s -> seen.add(s.customerId()));
      q = q.withAfter(page.nextCursor());
      pages++;
    } while (page.hasNext());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();

    CustomerPage bySpend = store.customers().query(
        CustomerQuery.builder().sort(CustomerSort.SPEND_DESC).limit(10).build());
    CustomerPage second = store.customers().query(
        CustomerQuery.builder().sort(CustomerSort.SPEND_DESC).limit(10).after(bySpend.nextCursor()).build());
    assertThat(bySpend.items().get(0).customerId()).isEqualTo("C24");
    assertThat(second.items().get(0).customerId()).isEqualTo("C14");
  }

  @Test
  void query_byOrders_ranksByPurchaseCountThenSpendAndPagesByOffset() {
    // C1: 3 purchases of 1; C2: 3 purchases of 5 (ties C1 on orders, more spend); C3: 1 purchase of 100;
    // C4: 2 purchases of 1, one in 2023 (outside the period).
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      orders.add(order("A" + i, "C1", "2024-01-0" + (i + 1), "P1", "1"));
      orders.add(order("B" + i, "C2", "2024-01-0" + (i + 1), "P1", "5"));
    }
    orders.add(order("D0", "C3", "2024-01-05", "P1", "100"));
    orders.add(order("E0", "C4", "2023-06-01", "P1", "1"));
    orders.add(order("E1", "C4", "2024-01-06", "P1", "1"));
    store.ingestion().upsertOrders(orders);

    CustomerPage all = store.customers().query(CustomerQuery.builder().sort(CustomerSort.ORDERS_DESC).build());
    // C1 and C2 tie on 3 orders and C2 spent more; C4 has 2, C3 1.
    assertThat(all.items()).extracting(CustomerSummary::customerId).containsExactly("C2", "C1", "C4", "C3");

    CustomerQuery in2024 = CustomerQuery.builder().sort(CustomerSort.ORDERS_DESC)
        .period(DateRange.ofDays(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"))).limit(2).build();
    CustomerPage first = store.customers().query(in2024);
    CustomerPage second = store.customers().query(in2024.withAfter(first.nextCursor()));
    assertThat(first.items()).extracting(CustomerSummary::customerId).containsExactly("C2", "C1");
    assertThat(second.items()).extracting(CustomerSummary::customerId).containsExactly("C3", "C4");
    assertThat(second.items()).extracting(CustomerSummary::orders).containsExactly(1L, 1L);
  }

  @Test
  void query_badCursor_isRejected() {
    assertThatThrownBy(() -> store.customers().query(CustomerQuery.builder().after("!!not-base64").build()))
        .isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("after");
  }

  @Test
  void concurrentIngestionAndReads_overlappingBatches_endWithEveryOrderOnce() throws Exception {
    // Four writers send overlapping batches (same new customers, products and orders) while two readers read.
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int seed = w;
        tasks.add(() -> {
          int written = 0;
          for (int b = 0; b < 10; b++) {
            List<Order> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
              int n = (b * 20 + i + seed * 7) % 200;
              batch.add(order("O" + n, "C" + (n % 50), "2024-01-01", "P" + (n % 13), "1.00"));
            }
            written += store.ingestion().upsertOrders(batch).ordersInserted();
          }
          return written;
        });
      }
      for (int r = 0; r < 2; r++) {
        tasks.add(() -> {
          int reads = 0;
          for (int i = 0; i < 50; i++) {
            try {
              store.customers().profile("C" + (i % 50));
              reads++;
            } catch (NotFoundException notYet) {
              // the customer's first order may not be committed yet
            }
          }
          return 0;
        });
      }
      int inserted = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        inserted += f.get();
      }
      assertThat(inserted).isEqualTo(200);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    long orders = 0;
    for (int c = 0; c < 50; c++) {
      orders += store.customers().profile("C" + c).orders();
    }
    assertThat(orders).isEqualTo(200);
    assertThat(store.customers().count()).isEqualTo(50);
  }

  @Test
  void profile_averageOrderValue_roundsToTheCurrencysMinorUnit() {
    store.ingestion().upsertOrders(List.of(
        Order.purchase("Y1", "JP", day("2024-01-01"), java.util.Currency.getInstance("JPY"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1000")))),
        Order.purchase("Y2", "JP", day("2024-01-02"), java.util.Currency.getInstance("JPY"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1000")))),
        Order.purchase("Y3", "JP", day("2024-01-03"), java.util.Currency.getInstance("JPY"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1001")))),
        Order.purchase("B1", "BH", day("2024-01-01"), java.util.Currency.getInstance("BHD"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1.000")))),
        Order.purchase("B2", "BH", day("2024-01-02"), java.util.Currency.getInstance("BHD"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1.001")))),
        Order.purchase("B3", "BH", day("2024-01-03"), java.util.Currency.getInstance("BHD"),
            List.of(new OrderLine("P1", 1, new BigDecimal("1.005"))))));
    assertThat(store.customers().profile("JP").averageOrderValue().toString()).isEqualTo("1000 JPY"); // 3001 / 3
    assertThat(store.customers().profile("BH").averageOrderValue().toString()).isEqualTo("1.002 BHD"); // 3.006 / 3, in fils
  }

  @Test
  void tablePrefix_twoStoresInOneDatabase_doNotSeeEachOther() {
    try (CustintelStore other = db.configure(CustintelStore.builder()).tablePrefix("shop2_").build()) {
      other.ingestion().upsertOrders(List.of(order("O1", "X", "2024-01-01", "P1", "1")));
      assertThat(other.customers().count()).isEqualTo(1);
      assertThat(store.customers().count()).isZero();
      assertThat(StoreAccess.of(other).table("orders")).isEqualTo("shop2_orders");
    }
  }

  @Test
  void migrateOnStartOff_withoutTables_failsNamingThePrefix() {
    assertThatThrownBy(() -> db.configure(CustintelStore.builder()).tablePrefix("absent_").migrateOnStart(false)
            .build())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("'absent_'")
        .hasMessageContaining("db/custintel/core");
  }

  @Test
  void migrateOnStartOff_withTables_opens() {
    try (CustintelStore again = db.configure(CustintelStore.builder()).migrateOnStart(false).build()) {
      assertThat(again.customers().count()).isZero();
    }
  }

  @Test
  void close_removesMetersAndIsIdempotent() {
    store.customers().count();
    store.close();
    store.close();
    assertThat(registry.find("custintel.pool.connections").gauges()).isEmpty();
    store = null;
  }

  @Test
  void profileCacheDisabled_readsTheDatabaseEveryTime() {
    try (CustintelStore uncached = db.configure(CustintelStore.builder()).profileCache(0, Duration.ofMinutes(1))
        .build()) {
      uncached.ingestion().upsertOrders(List.of(order("O1", "C1", "2024-02-01", "P1", "1")));
      assertThat(uncached.customers().profile("C1").orders()).isEqualTo(1);
      store.ingestion().upsertOrders(List.of(order("O2", "C1", "2024-02-02", "P1", "1")));
      assertThat(uncached.customers().profile("C1").orders()).isEqualTo(2);
    }
  }

  @Test
  void connectionTimeout_outOfRange_namesTheField() {
    for (Duration bad : List.of(Duration.ofMillis(249), Duration.ofMinutes(11))) {
      assertThatThrownBy(() -> CustintelStore.builder().connectionTimeout(bad))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("connectionTimeout"));
    }
  }

  @Test
  void connectionTimeout_bounds_openAPoolOfTheirOwn() {
    try (CustintelStore quick = CustintelStore.builder().jdbcUrl(db.jdbcUrl()).connectionTimeout(Duration.ofMillis(250))
        .build()) {
      assertThat(quick.customers().count()).isZero();
    }
  }

  /** Flyway holds two connections while it migrates: a pool of one could never open the store. */
  @Test
  void maximumPoolSize_ofOne_isRefusedNamingTheField() {
    for (int bad : new int[] {0, 1, 201}) {
      assertThatThrownBy(() -> CustintelStore.builder().maximumPoolSize(bad))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("maximumPoolSize"));
    }
    try (CustintelStore two = CustintelStore.builder().jdbcUrl(db.jdbcUrl()).maximumPoolSize(2).build()) {
      assertThat(two.customers().count()).isZero();
    }
  }
}

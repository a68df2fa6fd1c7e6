package dev.custintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.InvalidInputException;
import dev.custintel.core.NotFoundException;
import dev.custintel.core.customer.CustomerProfile;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Customer;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.product.ProductQuery;
import dev.custintel.core.product.ProductStats;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerIntelligenceTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  private static IngestBatch oneOrder(String orderId, String customerId) {
    return IngestBatch.builder()
        .customer(Customer.of(customerId, "Belgium"))
        .order(Order.purchase(orderId, customerId, Instant.parse("2024-05-01T10:00:00Z"), Currency.getInstance("EUR"),
            List.of(new OrderLine("SKU-1", 2, new BigDecimal("19.90")))))
        .build();
  }

  @Test
  void over_hostStore_sharesItsCacheAndLeavesItOpen() {
    try (TestDatabase db = TestDatabase.h2();
        CustintelStore store = db.configure(CustintelStore.builder()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .profileCache(100, Duration.ofHours(1)).build()) {
      store.ingestion().ingest(oneOrder("O-1", "C-1"));
      CustomerIntelligence ci = CustomerIntelligence.over(store);
      assertThat(ci.store()).isSameAs(store);
      assertThat(ci.customers().profile("C-1").orders()).isEqualTo(1); // now cached for an hour
      // Ingestion through the store invalidates the profiles the facade reads: they are one cache.
      store.ingestion().ingest(oneOrder("O-2", "C-1"));
      assertThat(ci.customers().profile("C-1").orders()).isEqualTo(2);
      ci.close();
      assertThat(store.customers().profile("C-1").orders()).isEqualTo(2); // the host's store is still open
    }
  }

  @Test
  void over_closedOrNullStore_fails() {
    try (TestDatabase db = TestDatabase.h2()) {
      CustintelStore store = db.configure(CustintelStore.builder()).build();
      store.close();
      assertThatThrownBy(() -> CustomerIntelligence.over(store)).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> CustomerIntelligence.over(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("store");
  }

  @Test
  void build_ownStore_isClosedWithTheFacade() {
    CustomerIntelligence ci = CustomerIntelligence.builder().inMemory("owned-store").build();
    CustintelStore store = ci.store();
    ci.close();
    assertThatThrownBy(store::customers).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_withoutDatabase_namesWhatIsMissing() {
    assertThatThrownBy(() -> CustomerIntelligence.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .extracting("field").isEqualTo("database");
  }

  @Test
  void build_twoDatabases_isRefusedAtTheSecondCall() {
    CustomerIntelligence.Builder b = CustomerIntelligence.builder().inMemory("twice");
    assertThatThrownBy(() -> b.jdbcUrl("jdbc:h2:mem:other"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be combined with inMemory");
  }

  @Test
  void build_badPrefixOrUnsupportedUrl_failsFast() {
    assertThatThrownBy(() -> CustomerIntelligence.builder().tablePrefix("Bad-Prefix"))
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("tablePrefix");
    assertThatThrownBy(() -> CustomerIntelligence.builder().jdbcUrl("jdbc:mysql://localhost/shop"))
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("jdbcUrl");
    assertThatThrownBy(() -> CustomerIntelligence.builder().profileCache(-1, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("profileCache.maximumSize");
  }

  @Test
  void embedded_reopened_keepsItsData(@TempDir Path dir) {
    try (CustomerIntelligence ci = CustomerIntelligence.builder().embedded(dir).build()) {
      assertThat(ci.databaseKind()).isEqualTo(DatabaseKind.H2);
      ci.ingestion().ingest(oneOrder("O-1", "C-1"));
    }
    try (CustomerIntelligence ci = CustomerIntelligence.builder().embedded(dir)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      CustomerProfile p = ci.customers().profile("C-1");
      assertThat(p.orders()).isEqualTo(1);
      assertThat(p.totalSpent().toString()).isEqualTo("19.90 EUR");
      assertThat(p.country()).isEqualTo("Belgium");
      assertThat(p.daysSinceLastOrder()).isEqualTo(30);
      assertThat(ci.clock().instant()).isEqualTo(NOW);
    }
  }

  @Test
  void builder_everyOption_isApplied() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (CustomerIntelligence ci = CustomerIntelligence.builder()
        .jdbcUrl("jdbc:h2:mem:all-options;DB_CLOSE_DELAY=-1")
        .tablePrefix("shop_")
        .migrateOnStart(true)
        .maximumPoolSize(2)
        .profileCache(0, Duration.ofSeconds(30))
        .meterRegistry(registry)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build()) {
      ci.ingestion().ingest(oneOrder("O-1", "C-1"));
      ci.customers().profile("C-1");
      ci.customers().profile("C-1");
      // profile cache disabled: no profile cache meters (the API key cache has its own), and every read is a
      // timed database read
      assertThat(registry.find("custintel.cache.gets").tag("cache", "profiles").functionCounters()).isEmpty();
      assertThat(registry.get("custintel.operation").tag("op", "customers.profile").timer().count()).isEqualTo(2);
      assertThat(registry.get("custintel.pool.connections").tag("state", "total").gauge().value())
          .isLessThanOrEqualTo(2);
      assertThat(registry.get("custintel.operation").tag("store", "shop_").tag("op", "ingest.batch").timer()
          .count()).isEqualTo(1);
    }
    try (CustomerIntelligence again = CustomerIntelligence.builder()
        .jdbcUrl("jdbc:h2:mem:all-options;DB_CLOSE_DELAY=-1", "", "")
        .tablePrefix("shop_")
        .migrateOnStart(false)
        .build()) {
      assertThat(again.customers().count()).isEqualTo(1);
    }
  }

  @Test
  void hostDataSource_isNotClosedWithTheFacade() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:host-owned;DB_CLOSE_DELAY=-1");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().dataSource(ds).meterRegistry(registry).build()) {
      ci.ingestion().ingest(oneOrder("O-1", "C-1"));
      assertThat(registry.find("custintel.operation").timers()).isNotEmpty();
    }
    try (Connection c = ds.getConnection();
        var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM ci_orders")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    assertThat(registry.find("custintel.operation").timers()).isEmpty();
  }

  @Test
  void postgres_facade_readsWhatItWrote() {
    try (TestDatabase db = TestDatabase.postgres();
        CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
      assertThat(ci.databaseKind()).isEqualTo(DatabaseKind.POSTGRESQL);
      ci.ingestion().ingest(oneOrder("O-1", "C-1"));
      ci.ingestion().ingest(oneOrder("O-1", "C-1"));
      assertThat(ci.customers().profile("C-1").orders()).isEqualTo(1);
    }
  }

  @Test
  void products_throughTheFacade_readTheStoresOrders() {
    // H2 first: PostgreSQL's database skips the rest of the test when no server is reachable.
    List<Supplier<TestDatabase>> databases = List.of(TestDatabase::h2, TestDatabase::postgres);
    for (Supplier<TestDatabase> newDatabase : databases) {
      try (TestDatabase db = newDatabase.get();
          CustintelStore store = db.configure(CustintelStore.builder()).build();
          CustomerIntelligence ci = CustomerIntelligence.over(store)) {
        ci.ingestion().ingest(oneOrder("O-1", "C-1"));
        ci.ingestion().ingest(oneOrder("O-2", "C-2"));
        ProductStats sku = ci.products().product("SKU-1"); // two orders of 2 units for 19.90 each
        assertThat(sku.buyers()).isEqualTo(2);
        assertThat(sku.orders()).isEqualTo(2);
        assertThat(sku.unitsSold()).isEqualTo(4);
        assertThat(sku.revenue()).containsExactly(Money.of("39.80", "EUR"));
        assertThat(sku.firstSold()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ci.products().list(ProductQuery.builder().build()).items()).containsExactly(sku);
        assertThat(ci.products()).isSameAs(store.products());
        assertThatThrownBy(() -> ci.products().product("SKU-2")).isInstanceOf(NotFoundException.class);
      }
    }
  }

  @Test
  void unreachableDatabase_errorNeverContainsThePassword() {
    assertThatThrownBy(() -> CustomerIntelligence.builder()
            .jdbcUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "shop", "s3cr3t-pass")
            .build())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("Could not connect")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr3t-pass");
          }
        });
  }
}

package dev.custintel.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.customer.CustomerClient;
import dev.custintel.core.ingest.IngestionClient;
import dev.custintel.core.product.ProductClient;
import dev.custintel.core.store.CustintelStore;
import dev.custintel.core.store.DatabaseKind;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seam every module reaches the database through, on H2 and PostgreSQL. */
class StoreAccessTest {


  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void access_namesTablesWithThePrefixAndTranslatesFailures(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get();
        CustintelStore store = db.configure(CustintelStore.builder()).tablePrefix("shop_").build()) {
      StoreAccess access = StoreAccess.of(store);
      assertThat(access).isSameAs(StoreAccess.of(store));
      assertThat(access.store()).isSameAs(store);
      assertThat(access.kind().name().toLowerCase()).isEqualTo(name);
      assertThat(access.prefix()).isEqualTo("shop_");
      assertThat(access.table("orders")).isEqualTo("shop_orders");
      assertThat(access.sql("SELECT * FROM {orders} o JOIN {order_lines} l"))
          .isEqualTo("SELECT * FROM shop_orders o JOIN shop_order_lines l");
      assertThatThrownBy(() -> access.table("orders; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("orders; DROP TABLE x");

      long orders = access.read("Counting", h -> h.createQuery(access.sql("SELECT COUNT(*) FROM {orders}"))
          .mapTo(Long.class).one());
      assertThat(orders).isZero();
      assertThatThrownBy(() -> access.read("Reading a missing table", h -> h.execute("SELECT * FROM missing_x")))
          .isInstanceOf(DataAccessException.class)
          .hasMessageStartingWith("Reading a missing table failed: ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void inTransaction_failure_writesNothing(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get();
        CustintelStore store = db.configure(CustintelStore.builder()).build()) {
      StoreAccess access = StoreAccess.of(store);
      String insert = access.sql("INSERT INTO {products} (product_id, name, category, created_at, updated_at)"
          + " VALUES ('P1', 'One', 'c', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      assertThatThrownBy(() -> access.inTransaction("Writing two products", h -> {
        h.execute(insert);
        return h.execute(insert); // the same key again
      })).isInstanceOf(DataAccessException.class)
          .satisfies(e -> assertThat(access.isDuplicateKey(e)).isTrue());
      long products = access.read("Counting", h -> h.createQuery(access.sql("SELECT COUNT(*) FROM {products}"))
          .mapTo(Long.class).one());
      assertThat(products).isZero();
      int inserted = access.inTransaction("Writing one product", h -> h.execute(insert));
      assertThat(inserted).isEqualTo(1);
      UnableToExecuteStatementException duplicate = null;
      try {
        access.jdbi().useHandle(h -> h.execute(insert));
      } catch (UnableToExecuteStatementException e) {
        duplicate = e;
      }
      assertThat(duplicate).isNotNull();
      assertThat(access.isDuplicateKey(duplicate)).isTrue();
      assertThat(access.isDuplicateKey(new IllegalStateException("other"))).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custintel.core.testing.TestDatabase#both")
  void inSnapshot_isReadOnly(String name, Supplier<TestDatabase> database) {
    try (TestDatabase db = database.get();
        CustintelStore store = db.configure(CustintelStore.builder()).build()) {
      StoreAccess access = StoreAccess.of(store);
      assertThatThrownBy(() -> access.inSnapshot("Writing in a snapshot", h -> h.execute(access.sql(
          "INSERT INTO {products} (product_id, name, category, created_at, updated_at) VALUES ('P1', 'One', 'c',"
              + " CURRENT_TIMESTAMP)"))))
          .isInstanceOf(DataAccessException.class)
          .hasMessageStartingWith("Writing in a snapshot failed: ");
    }
  }

  @Test
  void closedStore_refusesWorkWithIllegalState() {
    try (TestDatabase db = TestDatabase.h2()) {
      CustintelStore store = db.configure(CustintelStore.builder()).build();
      StoreAccess access = StoreAccess.of(store);
      store.close();
      assertThatThrownBy(() -> access.read("Reading", h -> 1)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(store::customers).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(store::ingestion).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void connectionFailure_credentialsInTheUrl_appearNowhereInTheException() {
    // Nothing listens on port 9; the driver's message echoes the URL's authority, user:password included.
    for (String url : List.of("jdbc:postgresql://secuser:hunter2@127.0.0.1:9/sec?connectTimeout=2",
        "jdbc:postgresql://127.0.0.1:9/sec?user=secuser&password=hunter2&connectTimeout=2")) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
          () -> CustintelStore.builder().jdbcUrl(url).build());
      assertThat(thrown).isInstanceOf(DataAccessException.class).hasMessageContaining("Could not connect");
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).as(url).doesNotContain("hunter2");
        assertThat(t.toString()).doesNotContain("hunter2");
      }
    }
  }

  @Test
  void of_storeNotFromTheBuilder_failsAndNull_throwsNpe() {
    CustintelStore foreign = new CustintelStore() {
      @Override
      public IngestionClient ingestion() {
        throw new UnsupportedOperationException();
      }

      @Override
      public CustomerClient customers() {
        throw new UnsupportedOperationException();
      }

      @Override
      public dev.custintel.core.keys.ApiKeyClient apiKeys() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ProductClient products() {
        throw new UnsupportedOperationException();
      }

      @Override
      public dev.custintel.core.sync.SyncClient sync() {
        throw new UnsupportedOperationException();
      }

      @Override
      public DatabaseKind databaseKind() {
        return DatabaseKind.H2;
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public MeterRegistry meterRegistry() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> StoreAccess.of(foreign)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CustintelStore.builder()");
    assertThatThrownBy(() -> StoreAccess.of(null)).isInstanceOf(NullPointerException.class).hasMessage("store");
  }
}

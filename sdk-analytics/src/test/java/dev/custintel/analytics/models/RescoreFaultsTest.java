package dev.custintel.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventQuery;
import dev.custintel.analytics.events.EventType;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-scoring after ingestion when things go wrong, on PostgreSQL: a re-scoring whose event insert fails writes
 * neither scores nor events (one transaction), the ingestion still succeeds, and the customer is re-scored (and
 * their event emitted once) with the next change; ingestion threads and model runs at once neither deadlock nor
 * leave a customer with a score that misses their orders, including customers changed while a run read and fit,
 * the first run's included (it fails when changes with no run active are not noted for the run's activation).
 */
class RescoreFaultsTest {
  private TestDatabase database;
  private CustomerIntelligence ci;
  private StoreAccess access;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void load() {
    database = TestDatabase.postgres();
    meters = new SimpleMeterRegistry();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).meterRegistry(meters).build();
    access = StoreAccess.of(ci.store());
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    ci.models().refresh(request(LocalDate.of(1997, 6, 30)));
    ci.models().refresh(request(LocalDate.of(1997, 9, 30)));
  }

  @AfterEach
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static ModelRunRequest request(LocalDate asOf) {
    return ModelRunRequest.builder().asOf(asOf).backtest(false).noAffinity().build();
  }

  @Test
  void aFailedRescoreWritesNothingAndIsDoneWithTheNextChange() {
    long run = ci.models().active().orElseThrow().id();
    String riser = access.read("riser", h -> h.createQuery(access.sql(
            "SELECT customer_id FROM {customer_scores} WHERE run_id = :run AND frequency >= 1 AND ltv < 20"
                + " ORDER BY customer_id FETCH FIRST 1 ROWS ONLY"))
        .bind("run", run).mapTo(String.class).one());
    double before = ltv(run, riser);
    long lastEvent = ci.events().latestId();
    access.read("trigger", h -> {
      h.execute("CREATE FUNCTION refuse_events() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
          + " LANGUAGE plpgsql");
      h.execute("CREATE TRIGGER refuse_events BEFORE INSERT ON " + access.table("events")
          + " FOR EACH ROW EXECUTE FUNCTION refuse_events()");
      return null;
    });

    var result = ci.ingestion().ingest(IngestBatch.ofOrders(List.of(
        purchase("r-1", riser, LocalDate.of(1997, 10, 20), "900.00"),
        purchase("r-2", riser, LocalDate.of(1997, 11, 20), "900.00"))));

    assertThat(result.ordersInserted()).isEqualTo(2); // committed, and said so
    assertThat(ltv(run, riser)).isEqualTo(before); // the scores' transaction rolled back with its events
    assertThat(ci.events().latestId()).isEqualTo(lastEvent);
    assertThat(meters.get("custintel.rescore.failures").counter().count()).isEqualTo(1.0);

    access.read("drop trigger", h -> {
      h.execute("DROP TRIGGER refuse_events ON " + access.table("events"));
      return null;
    });
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(purchase("o-1", "00004", LocalDate.of(1997, 10, 1), "5"))));

    assertThat(ltv(run, riser)).isGreaterThan(before * 10);
    List<CustomerEvent> events = ci.events().read(EventQuery.after(lastEvent));
    assertThat(events).extracting(e -> e.type() + " " + e.customerId())
        .containsOnlyOnce(EventType.HIGH_VALUE_CUSTOMER + " " + riser);
    assertThat(meters.get("custintel.rescore.failures").counter().count()).isEqualTo(1.0);
  }

  @Test
  void concurrentIngestionAndRunsNeitherDeadlockNorLeaveStaleScores() throws Exception {
    List<String> customers = access.read("ids", h -> h.createQuery(access.sql(
            "SELECT customer_id FROM {customers} ORDER BY customer_id FETCH FIRST 200 ROWS ONLY"))
        .mapTo(String.class).list());
    // A second facade on the same database stands for another process: its re-scorings meet this one's on the
    // database's locks, not in the JVM.
    SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
    CustomerIntelligence other = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .meterRegistry(otherMeters).build();
    Set<String> touched = ConcurrentHashMap.newKeySet();
    AtomicInteger orderNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(t);
      CustomerIntelligence facade = t % 2 == 0 ? ci : other;
      work.add(pool.submit(() -> {
        for (int b = 0; b < 25; b++) {
          List<Order> orders = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            String c = customers.get(random.nextInt(customers.size()));
            touched.add(c);
            orders.add(purchase("c-" + orderNo.incrementAndGet(), c,
                LocalDate.of(1997, 10, 1).plusDays(random.nextInt(200)), (15 + random.nextInt(40)) + ".00"));
          }
          facade.ingestion().ingest(IngestBatch.ofOrders(orders));
        }
        return null;
      }));
    }
    work.add(pool.submit(() -> {
      ci.models().refresh(request(LocalDate.of(1997, 12, 31)));
      other.models().refresh(ModelRunRequest.builder().backtest(false).noAffinity().build());
      return null;
    }));
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("no deadlock").isTrue();
    for (Future<?> f : work) {
      f.get(); // rethrows a failure (a deadlock victim would be one)
    }
    assertThat(meters.get("custintel.rescore.failures").counter().count()).isZero();
    assertThat(otherMeters.get("custintel.rescore.failures").counter().count()).isZero();
    other.close();

    // Every touched customer's score under the active run is what re-scoring them now gives: none misses orders.
    long run = ci.models().active().orElseThrow().id();
    List<String> ids = new ArrayList<>(touched);
    Map<String, Double> stored = ltvs(run, ids);
    ci.models().rescore(ids);
    Map<String, Double> fresh = ltvs(run, ids);
    assertThat(stored).hasSize(ids.size());
    List<String> stale = ids.stream().filter(id -> !stored.get(id).equals(fresh.get(id)))
        .map(id -> id + " stored " + stored.get(id) + ", now " + fresh.get(id)).toList();
    assertThat(stale).as("customers whose stored score misses some of their orders").isEmpty();
  }

  @Test
  void ingestionWhileTheFirstRunReadsAndFitsLeavesNoStaleScore() throws Exception {
    // A database with no run yet: the first run's snapshot misses batches committed while it fits, and with no
    // run to score them under, their customers are only noted, for the run to re-score when it activates.
    try (TestDatabase fresh = TestDatabase.postgres();
        CustomerIntelligence first = CustomerIntelligence.builder().jdbcUrl(fresh.jdbcUrl()).build()) {
      StoreAccess freshAccess = StoreAccess.of(first.store());
      first.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW,
          ImportOptions.defaults());
      List<String> customers = freshAccess.read("ids", h -> h.createQuery(freshAccess.sql(
              "SELECT customer_id FROM {customers} ORDER BY customer_id FETCH FIRST 300 ROWS ONLY"))
          .mapTo(String.class).list());
      Set<String> touched = ConcurrentHashMap.newKeySet();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger batches = new AtomicInteger();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<?> writer = pool.submit(() -> {
        Random random = new Random(7);
        while (running.get()) {
          List<Order> orders = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            String c = customers.get(random.nextInt(customers.size()));
            touched.add(c);
            orders.add(purchase("f-" + batches.get() + "-" + i, c,
                LocalDate.of(1997, 1, 1).plusDays(random.nextInt(400)), (15 + random.nextInt(40)) + ".00"));
          }
          first.ingestion().ingest(IngestBatch.ofOrders(orders));
          batches.incrementAndGet();
        }
        return null;
      });
      long run = first.models().refresh(request(LocalDate.of(1998, 6, 30))).id();
      running.set(false);
      writer.get(1, TimeUnit.MINUTES);
      pool.shutdown();
      assertThat(batches.get()).as("batches written while the first run worked").isGreaterThan(2);

      List<String> ids = new ArrayList<>(touched);
      access = freshAccess;
      Map<String, Double> stored = ltvs(run, ids);
      first.models().rescore(ids);
      Map<String, Double> now = ltvs(run, ids);
      List<String> stale = ids.stream().filter(id -> !Objects.equals(stored.get(id), now.get(id)))
          .map(id -> id + " stored " + stored.get(id) + ", now " + now.get(id)).toList();
      assertThat(stale).as("customers whose stored score misses some of their orders").isEmpty();
    }
  }

  private double ltv(long run, String customer) {
    return ltvs(run, List.of(customer)).get(customer);
  }

  private Map<String, Double> ltvs(long run, List<String> ids) {
    return access.read("ltv", h -> {
      Map<String, Double> out = new TreeMap<>();
      h.createQuery(access.sql("SELECT customer_id, ltv FROM {customer_scores} WHERE run_id = :run"
              + " AND customer_id IN (<ids>)"))
          .bind("run", run).bindList("ids", ids)
          .map((rs, ctx) -> out.put(rs.getString(1), rs.getDouble(2)))
          .list();
      return out;
    });
  }

  private static Order purchase(String id, String customer, LocalDate day, String amount) {
    return Order.purchase(id, customer, day.atTime(12, 0).toInstant(ZoneOffset.UTC), Money.currency("USD"),
        List.of(new OrderLine("p-1", 1, new BigDecimal(amount))));
  }
}

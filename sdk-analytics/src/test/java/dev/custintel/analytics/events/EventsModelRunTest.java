package dev.custintel.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.spi.StoreAccess;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Model runs on the CDNOW sample emit events by the default rules, checked against sets worked out here from the
 * runs' stored scores and segments: the first run records who is above each level and emits nothing; the second
 * emits a churn alert for each customer whose risk reached 0.8 and who was not already in (in: risk ≥ 0.8, or in
 * before and still ≥ 0.7), a high-value event for each customer who entered the top 5 % by value (staying in while
 * within the top 10 %), and a segment change for each customer whose rf-grid segment differs from the first run's;
 * the same run again emits nothing. The methods run in order, on one database per class invocation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsModelRunTest extends OnBothDatabases {
  private TestDatabase database;
  private CustomerIntelligence ci;
  private StoreAccess access;
  private ModelRun first;
  private ModelRun second;

  @BeforeParameterizedClassInvocation
  void load() {
    database = newDatabase.get();
    ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build();
    access = StoreAccess.of(ci.store());
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
  }

  @AfterParameterizedClassInvocation
  void close() {
    if (ci != null) {
      ci.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private ModelRun run(LocalDate asOf) {
    return ci.models().refresh(ModelRunRequest.builder().asOf(asOf).backtest(false).noAffinity().build());
  }

  @Test
  @Order(1)
  void firstRun_recordsWhoIsInWithoutEvents() {
    assertThat(ci.events().latestId()).isZero();
    first = run(LocalDate.of(1997, 9, 30));

    assertThat(ci.events().latestId()).isZero();
    assertThat(ci.events().read(EventQuery.after(0))).isEmpty();
    long inChurn = access.read("states", h -> h.createQuery(access.sql(
        "SELECT COUNT(*) FROM {event_states} WHERE rule = 'churn_risk'")).mapTo(Long.class).one());
    assertThat(inChurn).isEqualTo(risks(first.id()).values().stream().filter(r -> r >= 0.8).count()).isPositive();
  }

  @Test
  @Order(2)
  void secondRun_emitsExactlyTheEntriesAndChanges() {
    second = run(LocalDate.of(1998, 6, 30));
    List<CustomerEvent> events = readAll(EventQuery.after(0).withLimit(97));

    // ids 1..n in order, all of the second run, at its time
    assertThat(events).extracting(CustomerEvent::id)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(ci.events().latestId()).isEqualTo(events.size());
    assertThat(events).allSatisfy(e -> {
      assertThat(e.runId()).isEqualTo(second.id());
      assertThat(e.occurredAt()).isEqualTo(second.createdAt().truncatedTo(ChronoUnit.MICROS));
    });

    Map<String, Double> risk1 = risks(first.id());
    Map<String, Double> risk2 = risks(second.id());
    Set<String> in1 = new HashSet<>();
    risk1.forEach((id, r) -> {
      if (r >= 0.8) {
        in1.add(id);
      }
    });
    Set<String> churnEntered = new TreeSet<>();
    risk2.forEach((id, r) -> {
      if (r >= 0.8 && !in1.contains(id)) {
        churnEntered.add(id);
      }
    });
    assertThat(customers(events, EventType.CHURN_RISK_ALERT)).isEqualTo(churnEntered).isNotEmpty();
    Set<String> in2 = new TreeSet<>();
    risk2.forEach((id, r) -> {
      if (r >= 0.8 || (in1.contains(id) && r >= 0.7)) {
        in2.add(id);
      }
    });
    assertThat(in1).as("some customers left the alert band").isNotEmpty().anySatisfy(id ->
        assertThat(in2).doesNotContain(id));
    List<String> stored = access.read("states", h -> h.createQuery(access.sql(
        "SELECT customer_id FROM {event_states} WHERE rule = 'churn_risk'")).mapTo(String.class).list());
    assertThat(new TreeSet<String>(stored)).isEqualTo(in2);

    Set<String> value1 = topPercent(values(first.id()), 5, null, Set.of());
    Set<String> valueEntered = new TreeSet<>(topPercent(values(second.id()), 5, 10.0, value1));
    valueEntered.removeAll(value1);
    assertThat(customers(events, EventType.HIGH_VALUE_CUSTOMER)).isEqualTo(valueEntered).isNotEmpty();

    Map<String, String> seg1 = segments(first.id());
    Map<String, String> seg2 = segments(second.id());
    Set<String> changed = new TreeSet<>();
    seg2.forEach((id, s) -> {
      if (seg1.containsKey(id) && !seg1.get(id).equals(s)) {
        changed.add(id);
      }
    });
    assertThat(customers(events, EventType.SEGMENT_CHANGED)).isEqualTo(changed).isNotEmpty();

    CustomerEvent alert = events.stream().filter(e -> e.type() == EventType.CHURN_RISK_ALERT).findFirst().orElseThrow();
    assertThat(((Number) alert.payload().get("churnRisk")).doubleValue())
        .isCloseTo(risk2.get(alert.customerId()), within(1e-6));
    CustomerEvent moved = events.stream().filter(e -> e.type() == EventType.SEGMENT_CHANGED).findFirst().orElseThrow();
    assertThat(moved.payload()).containsEntry("from", seg1.get(moved.customerId()))
        .containsEntry("to", seg2.get(moved.customerId())).containsEntry("preset", "rf-grid");
  }

  @Test
  @Order(3)
  void filtersAndPages_giveTheSameEventsAsOneRead() {
    List<CustomerEvent> all = readAll(EventQuery.after(0));
    List<CustomerEvent> alerts = readAll(EventQuery.after(0).withTypes(Set.of(EventType.CHURN_RISK_ALERT))
        .withLimit(10));
    assertThat(alerts).containsExactlyElementsOf(
        all.stream().filter(e -> e.type() == EventType.CHURN_RISK_ALERT).toList());
    String someone = all.get(all.size() / 2).customerId();
    assertThat(ci.events().read(EventQuery.after(0).withCustomer(someone)))
        .containsExactlyElementsOf(all.stream().filter(e -> e.customerId().equals(someone)).toList());
    long middle = all.get(all.size() / 2).id();
    assertThat(readAll(EventQuery.after(middle)))
        .containsExactlyElementsOf(all.stream().filter(e -> e.id() > middle).toList());
    assertThat(ci.events().read(EventQuery.after(middle).withLimit(3))).extracting(CustomerEvent::id)
        .containsExactly(middle + 1, middle + 2, middle + 3);
  }

  @Test
  @Order(4)
  void theSameRunAgain_emitsNothing() {
    long before = ci.events().latestId();
    run(LocalDate.of(1998, 6, 30));
    assertThat(ci.events().latestId()).isEqualTo(before);
    assertThat(ci.events().read(EventQuery.after(before))).isEmpty();
  }

  @Test
  @Order(5)
  void purge_deletesOldEvents_idsGoOn() {
    long latest = ci.events().latestId();
    assertThat(ci.events().purgeBefore(Instant.parse("1990-01-01T00:00:00Z"))).isZero();
    assertThat(ci.events().purgeBefore(Instant.now().plus(1, ChronoUnit.DAYS))).isEqualTo((int) latest);
    assertThat(ci.events().read(EventQuery.after(0))).isEmpty();
    assertThat(ci.events().latestId()).isEqualTo(latest);
  }

  private List<CustomerEvent> readAll(EventQuery query) {
    List<CustomerEvent> out = new ArrayList<>();
    EventQuery q = query;
    while (true) {
      List<CustomerEvent> page = ci.events().read(q);
      out.addAll(page);
      if (page.size() < q.limit()) {
        return out;
      }
      q = new EventQuery(page.get(page.size() - 1).id(), q.types(), q.customerId(), q.limit());
    }
  }

  private static Set<String> customers(List<CustomerEvent> events, EventType type) {
    Set<String> out = new TreeSet<>();
    events.stream().filter(e -> e.type() == type).forEach(e -> assertThat(out.add(e.customerId())).isTrue());
    return out;
  }

  private Map<String, Double> risks(long run) {
    Map<String, Double> risk = new HashMap<>(scores(run, "p_alive"));
    risk.replaceAll((id, p) -> 1.0 - p);
    return risk;
  }

  private Map<String, Double> values(long run) {
    Map<String, Double> v = new HashMap<>(scores(run, "ltv"));
    v.values().removeIf(x -> x <= 0);
    return v;
  }

  private Map<String, Double> scores(long run, String column) {
    Map<String, Double> out = new HashMap<>();
    access.read("scores", h -> h.createQuery(access.sql("SELECT customer_id, " + column
            + " FROM {customer_scores} WHERE run_id = " + run))
        .map((rs, ctx) -> out.put(rs.getString(1), rs.getDouble(2))).list());
    return out;
  }

  private Map<String, String> segments(long run) {
    Map<String, String> out = new HashMap<>();
    access.read("segments", h -> h.createQuery(access.sql("SELECT customer_id, segment FROM {segment_memberships}"
            + " WHERE run_id = " + run))
        .map((rs, ctx) -> out.put(rs.getString(1), rs.getString(2))).list());
    return out;
  }

  /** Who is in the top {@code enter} percent by value, or in {@code before} and within the top {@code exit}. */
  private static Set<String> topPercent(Map<String, Double> values, double enter, Double exit, Set<String> before) {
    double[] sorted = values.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double enterLevel = level(sorted, enter);
    double exitLevel = exit == null ? enterLevel : level(sorted, exit);
    Set<String> in = new HashSet<>();
    values.forEach((id, v) -> {
      if (v >= enterLevel || (before.contains(id) && v >= exitLevel)) {
        in.add(id);
      }
    });
    return in;
  }

  /** The value of the customer ranked ⌈n·p/100⌉ from the top. */
  private static double level(double[] ascending, double percent) {
    int rank = (int) Math.ceil(ascending.length * percent / 100);
    return ascending[ascending.length - rank];
  }
}

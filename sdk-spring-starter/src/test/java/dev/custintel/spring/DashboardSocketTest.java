package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.events.CustomerEvent;
import dev.custintel.analytics.events.EventType;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderKind;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import dev.custintel.spring.testing.WsClient;
import dev.custintel.spring.testing.WsClient.HandshakeRefused;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code /ws/dashboard} over real HTTP with the JDK's WebSocket client, on H2 and PostgreSQL, every 200 ms. The
 * shop's orders are placed relative to the server's clock, so that the figures are known:
 *
 * <pre>
 * recent   bought 5.00 USD a day ago                       active
 * lapsed   bought 50.00 USD 31 days ago, nothing since     not active
 * today1   bought 100.00 USD today                         active
 * today2   bought 23.45 USD and 10.00 EUR today            active
 * returner returned 20.00 USD today, never bought          not active
 * </pre>
 *
 * <p>So: 3 active customers, 3 orders today, revenue today EUR 10.00 and USD 100.00 + 23.45 − 20.00 = 103.45.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSocketTest extends OnBothDatabases {
  private static final String ADMIN = "Boot-strap-admin-key-for-dashboard-tests-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestDatabase database;
  private TestServer server;
  private CustomerIntelligence ci;
  private String readKey;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    server = startServer(INTERVAL);
    ci = server.context().getBean(CustomerIntelligence.class);
    Instant now = ci.clock().instant();
    // Today's orders an hour ago, or at the day's first instant when the day is younger than that.
    Instant today = now.minus(1, ChronoUnit.HOURS);
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    if (today.isBefore(midnight)) {
      today = midnight;
    }
    ci.ingestion().ingest(IngestBatch.ofOrders(List.of(
        order("w-1", "recent", now.minus(Duration.ofDays(1)), OrderKind.PURCHASE, "5.00", "USD"),
        order("w-2", "lapsed", now.minus(Duration.ofDays(31)), OrderKind.PURCHASE, "50.00", "USD"),
        order("w-3", "today1", today, OrderKind.PURCHASE, "100.00", "USD"),
        order("w-4", "today2", today, OrderKind.PURCHASE, "23.45", "USD"),
        order("w-5", "today2", today, OrderKind.PURCHASE, "10.00", "EUR"),
        order("w-6", "returner", today, OrderKind.RETURN, "20.00", "USD"))));
    readKey = ci.store().apiKeys().create("dashboard-reader", EnumSet.of(ApiKeyScope.READ)).key();
  }

  private TestServer startServer(Duration interval) {
    return TestServer.start("spring.datasource.url=" + database.jdbcUrl(),
        "custintel.security.bootstrap-admin-key=" + ADMIN, "custintel.dashboard.interval=" + interval.toMillis() + "ms",
        "spring.lifecycle.timeout-per-shutdown-phase=3s");
  }

  private static Order order(String id, String customer, Instant at, OrderKind kind, String amount, String currency) {
    return new Order(id, customer, at, Money.currency(currency), kind,
        List.of(new OrderLine("P1", 1, new BigDecimal(amount))));
  }

  @AfterParameterizedClassInvocation
  void stop() {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private WsClient open(TestServer on, Map<String, String> headers) {
    return WsClient.open(on.base().replace("http://", "ws://") + "/ws/dashboard", headers);
  }

  private WsClient open() {
    return open(server, Map.of("X-API-Key", readKey));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(text, e);
    }
  }

  private double computations(TestServer on) {
    return on.context().getBean(MeterRegistry.class).get("custintel.dashboard.computations").counter().count();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void snapshot_knownShop_hasTheWorkedOutFigures() throws Exception {
    try (WsClient c = open()) {
      String text = c.next(WAIT);
      assertThat(text).isNotNull();
      JsonNode m = json(text);

      assertThat(m.path("error").isMissingNode()).as(text).isTrue();
      assertThat(Instant.parse(m.path("at").asText())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions
          .within(1, ChronoUnit.MINUTES));
      assertThat(m.path("zone").asText()).isEqualTo("UTC");
      assertThat(m.path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
      assertThat(m.path("activeCustomers30d").asLong()).isEqualTo(3);
      assertThat(m.path("ordersToday").asLong()).isEqualTo(3);
      assertThat(m.path("revenueToday").toString()).isEqualTo("{\"EUR\":\"10.00\",\"USD\":\"103.45\"}");
      assertThat(m.path("highRiskCustomers").isNull()).as("no active model run").isTrue();
      assertThat(m.path("newestChurnAlerts").isArray()).isTrue();
      assertThat(m.path("newestChurnAlerts")).isEmpty();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void fiveClients_getIdenticalMessages_computedOncePerTick() throws Exception {
    await(() -> server.context().getBean(MeterRegistry.class).get("custintel.ws.clients").gauge().value() == 0);
    double before = computations(server);
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        clients.add(open());
      }
      for (WsClient c : clients) {
        assertThat(c.next(WAIT)).as("a first message").isNotNull();
      }
      long start = System.nanoTime();
      Thread.sleep(3 * INTERVAL.toMillis() + INTERVAL.toMillis() / 2);
      double elapsedTicks = (System.nanoTime() - start) / (double) INTERVAL.toNanos();
      double computed = computations(server) - before;
      assertThat(server.context().getBean(MeterRegistry.class).get("custintel.ws.clients").gauge().value())
          .isEqualTo(5);

      // Connecting computes at most once (the first client), then once per tick, whoever listens.
      assertThat(computed).as("computations for 5 clients over %.1f ticks", elapsedTicks)
          .isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(Math.ceil(elapsedTicks) + 2).isLessThan(5 * 3);
      Map<String, String> byAt = new HashMap<>();
      Map<String, Integer> seen = new HashMap<>();
      for (WsClient c : clients) {
        for (String text : c.drain()) {
          String at = json(text).path("at").asText();
          String first = byAt.putIfAbsent(at, text);
          assertThat(text).as("the message of %s", at).isEqualTo(first == null ? text : first);
          seen.merge(at, 1, Integer::sum);
        }
      }
      assertThat(seen.values().stream().filter(n -> n == 5).count()).as("ticks every client saw: %s", seen)
          .isGreaterThanOrEqualTo(2);
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void handshake_withoutKey_is401_withABadKey_is403() {
    assertThatThrownBy(() -> open(server, Map.of())).isInstanceOfSatisfying(HandshakeRefused.class,
        e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> open(server, Map.of("X-API-Key", "ci_not-a-key")))
        .isInstanceOfSatisfying(HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void handshake_withATicket_opensOnce_forTheKeyThatAskedForIt() throws Exception {
    assertThat(server.call("POST", "/api/dashboard/tickets", null, Map.of()).status()).isEqualTo(401);
    Response issued = server.call("POST", "/api/dashboard/tickets", null, Map.of("X-API-Key", readKey));
    assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
    String ticket = issued.json().path("ticket").asText();
    assertThat(ticket).hasSizeGreaterThanOrEqualTo(40).doesNotContain(readKey);
    assertThat(issued.json().path("expiresInSeconds").asInt()).isEqualTo(30);

    String url = server.base().replace("http://", "ws://") + "/ws/dashboard?ticket=" + ticket;
    try (WsClient client = WsClient.open(url, Map.of())) {
      assertThat(json(client.next(WAIT)).path("ordersToday").isNumber()).isTrue();
    }
    // One use: the same ticket again, or a made-up one, is refused; a ticket is no key for the REST API.
    assertThatThrownBy(() -> WsClient.open(url, Map.of())).isInstanceOfSatisfying(HandshakeRefused.class,
        e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> WsClient.open(server.base().replace("http://", "ws://") + "/ws/dashboard?ticket=forged",
        Map.of())).isInstanceOfSatisfying(HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
    String another = server.call("POST", "/api/dashboard/tickets", null, Map.of("X-API-Key", readKey)).json()
        .path("ticket").asText();
    assertThat(server.call("GET", "/api/customers?ticket=" + another, null, Map.of()).status()).isEqualTo(401);
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void snapshot_afterModelRuns_listsTheNewestChurnAlerts_andTheHighRiskCount() throws Exception {
    ci.ingestion().importFile(TestData.file("clv/CDNOW_sample.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
    ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1997, 9, 30)).backtest(false).noAffinity()
        .build());
    ci.models().refresh(ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).backtest(false).noAffinity()
        .build());
    List<CustomerEvent> newest = ci.events().newest(Set.of(EventType.CHURN_RISK_ALERT), 10);
    assertThat(newest).hasSize(10);
    double high = server.context().getBean(MeterRegistry.class).get("custintel.churn.customers.high").gauge().value();

    try (WsClient c = open()) {
      JsonNode m = null;
      for (int i = 0; i < 50; i++) { // the first message may predate the runs' end by a tick
        m = json(c.next(WAIT));
        if (!m.path("highRiskCustomers").isNull() && m.path("newestChurnAlerts").size() == 10) {
          break;
        }
      }
      assertThat(m.path("highRiskCustomers").asDouble()).isEqualTo(high);
      assertThat(m.path("activeCustomers30d").asLong()).as("CDNOW's orders are from 1997-98").isEqualTo(3);
      JsonNode alerts = m.path("newestChurnAlerts");
      for (int i = 0; i < newest.size(); i++) {
        CustomerEvent e = newest.get(i);
        JsonNode a = alerts.get(i);
        assertThat(a.path("id").asLong()).isEqualTo(e.id());
        assertThat(a.path("customerId").asText()).isEqualTo(e.customerId());
        assertThat(Instant.parse(a.path("occurredAt").asText())).isEqualTo(e.occurredAt());
        assertThat(a.path("churnRisk").asDouble()).isEqualTo(((Number) e.payload().get("churnRisk")).doubleValue());
        assertThat(a.path("runId").asLong()).isEqualTo(e.runId());
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void longInterval_newClientGetsAMessageAtOnce_contextCloseSays1001() throws Exception {
    TestServer slow = startServer(Duration.ofSeconds(30));
    try {
      List<WsClient> clients = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        WsClient c = open(slow, Map.of("X-API-Key", readKey));
        clients.add(c);
        assertThat(c.next(Duration.ofSeconds(5))).as("a message long before the 30 s tick").isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
      assertThat(computations(slow)).as("the second client got the first one's fresh message").isEqualTo(1);

      slow.close();
      for (WsClient c : clients) {
        assertThat(c.closeCode(WAIT)).isEqualTo(1001);
      }
    } finally {
      slow.close();
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", WAIT).isLessThan(end);
      Thread.sleep(20);
    }
  }
}

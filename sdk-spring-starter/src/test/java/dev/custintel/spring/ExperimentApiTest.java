package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.experiments.Assignment;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.SettableClock;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The experiments endpoints over real HTTP, with API keys, on H2 and PostgreSQL: create (201 and Location), read,
 * bad bodies naming their field, the lifecycle and its 409s, assignment equal to {@link Assignment}'s, idempotent
 * all-or-nothing exposures, results whose counts follow from the assignment, non-finite statistics as JSON null,
 * scopes and 404s. The server's clock is the test's, so that exposure windows close when the test moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentApiTest extends OnBothDatabases {
  private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
  private static final List<Double> EVEN = List.of(1.0, 1.0);

  private TestDatabase database;
  private SettableClock clock;
  private TestServer server;
  private Map<String, String> writer;
  private Map<String, String> reader;
  private int orderSeq;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    // 200 customers c-000 .. c-199, each with one purchase a month before the clock starts.
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      orders.add(Order.purchase("seed-" + i, customer(i), Instant.parse("2026-01-05T10:00:00Z"),
          Money.currency("USD"), List.of(new OrderLine("p-1", 1, new BigDecimal("20.00")))));
    }
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      ci.ingestion().ingest(IngestBatch.ofOrders(orders));
    }
    clock = new SettableClock(START);
    orderSeq = 0;
    server = TestServer.start(Map.of("testClock", clock), "spring.datasource.url=" + database.jdbcUrl());
    CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
    writer = Map.of("X-API-Key", ci.store().apiKeys().create("writer", EnumSet.of(ApiKeyScope.WRITE)).key());
    reader = Map.of("X-API-Key", ci.store().apiKeys().create("reader", EnumSet.of(ApiKeyScope.READ)).key());
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

  private static String customer(int i) {
    return String.format("c-%03d", i);
  }

  private Response get(String path) {
    return server.call("GET", path, null, writer);
  }

  private Response post(String path, String body) {
    return server.call("POST", path, body, writer);
  }

  private long create(String body) {
    Response r = post("/api/experiments", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  private Response expose(long id, List<String> customers) {
    return post("/api/experiments/" + id + "/exposures", "{\"customerIds\":" + jsonArray(customers) + "}");
  }

  private static String jsonArray(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  /** Places a purchase of {@code amount} for each customer at the clock's now, over HTTP. */
  private void purchase(List<String> customers, String amount) {
    String orders = customers.stream().map(c -> String.format("""
        {"id":"exp-order-%d","customerId":"%s","placedAt":"%s","currency":"USD",
         "lines":[{"productId":"p-1","quantity":1,"amount":"%s"}]}""", ++orderSeq, c, clock.instant(), amount))
        .collect(Collectors.joining(",", "[", "]"));
    Response r = post("/api/orders", "{\"orders\":" + orders + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("ordersInserted").asInt()).isEqualTo(customers.size());
  }

  private static String field(Response r) {
    return r.json().path("errors").path(0).path("field").asText();
  }

  private static void assertInvalid(Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
    assertThat(field(r)).as(r.toString()).isEqualTo(field);
  }

  private static void assertConflict(Response r, long id, String status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:conflict");
    assertThat(r.json().path("status").asInt()).isEqualTo(409);
    assertThat(r.json().path("experimentId").asLong()).isEqualTo(id);
    assertThat(r.json().path("experimentStatus").asText()).isEqualTo(status);
  }

  private static long[] perArm(String name, List<String> customers, List<Double> weights) {
    long[] counts = new long[weights.size()];
    for (String c : customers) {
      counts[Assignment.arm(name, c, weights)]++;
    }
    return counts;
  }

  @Test
  void createReturns201WithLocationAndTheDefinition() {
    Response r = post("/api/experiments", """
        {"name":"create-full","description":"win back the lapsed",
         "arms":[{"name":"holdout","weight":1},{"name":"email","weight":3}],
         "eligibility":{"segment":"at_risk","preset":"klaviyo","minimumChurnRisk":0.5},
         "metric":"revenue","windowDays":14,"minimumDetectableEffect":5,"confidenceLevel":0.9,
         "action":"win_back"}""");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode e = r.json();
    long id = e.path("id").asLong();
    assertThat(id).isPositive();
    assertThat(URI.create(r.header("Location")).getPath()).isEqualTo("/api/experiments/" + id);
    assertThat(e.path("status").asText()).isEqualTo("draft");
    assertThat(e.path("createdAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(e.path("startedAt").isNull()).isTrue();
    assertThat(e.path("exposures").asLong()).isZero();
    JsonNode d = e.path("definition");
    assertThat(d.path("name").asText()).isEqualTo("create-full");
    assertThat(d.path("description").asText()).isEqualTo("win back the lapsed");
    assertThat(d.path("arms")).hasSize(2);
    assertThat(d.path("arms").get(0).path("name").asText()).isEqualTo("holdout");
    assertThat(d.path("arms").get(1).path("name").asText()).isEqualTo("email");
    assertThat(d.path("arms").get(1).path("weight").asDouble()).isEqualTo(3.0);
    assertThat(d.path("eligibility").path("segment").asText()).isEqualTo("at_risk");
    assertThat(d.path("eligibility").path("segmentPreset").asText()).isEqualTo("klaviyo");
    assertThat(d.path("eligibility").path("minimumChurnRisk").asDouble()).isEqualTo(0.5);
    assertThat(d.path("metric").asText()).isEqualTo("revenue");
    assertThat(d.path("windowDays").asInt()).isEqualTo(14);
    assertThat(d.path("minimumDetectableEffect").asDouble()).isEqualTo(5.0);
    assertThat(d.path("confidenceLevel").asDouble()).isEqualTo(0.9);
    assertThat(d.path("action").asText()).isEqualTo("win_back");

    // The Location is where the experiment is, for a reader too.
    Response again = server.call("GET", URI.create(r.header("Location")).getPath(), null, reader);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("id").asLong()).isEqualTo(id);
    assertThat(again.json().path("definition").path("name").asText()).isEqualTo("create-full");
    assertThat(again.json().path("definition").path("action").asText()).isEqualTo("win_back");

    // Only a name: the SDK's defaults.
    Response minimal = post("/api/experiments", "{\"name\":\"create-minimal\"}");
    assertThat(minimal.status()).as(minimal.toString()).isEqualTo(201);
    JsonNode md = minimal.json().path("definition");
    assertThat(md.path("arms")).hasSize(2);
    assertThat(md.path("arms").get(0).path("name").asText()).isEqualTo("control");
    assertThat(md.path("metric").asText()).isEqualTo("conversion");
    assertThat(md.path("windowDays").asInt()).isEqualTo(30);
    assertThat(md.path("action").isNull()).isTrue();
    assertThat(md.path("eligibility").path("segment").isNull()).isTrue();
  }

  @Test
  void listIsNewestFirst() {
    long older = create("{\"name\":\"list-older\"}");
    long newer = create("{\"name\":\"list-newer\"}");
    Response r = server.call("GET", "/api/experiments", null, reader);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    r.json().forEach(e -> ids.add(e.path("id").asLong()));
    assertThat(ids).contains(older, newer);
    assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
    assertThat(r.body()).contains("\"name\":\"list-older\"").contains("\"status\":\"draft\"");
  }

  @Test
  void badBodiesNameTheFieldAndCreateNothing() {
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-1\",\"arms\":[{\"name\":\"only\",\"weight\":1}]}"),
        "arms");
    assertInvalid(post("/api/experiments",
        "{\"name\":\"bad-2\",\"arms\":[{\"name\":\"a\",\"weight\":1},{\"name\":\"b\",\"weight\":-1}]}"),
        "arms[1].weight");
    assertInvalid(post("/api/experiments",
        "{\"name\":\"bad-3\",\"arms\":[{\"name\":\"\",\"weight\":1},{\"name\":\"b\",\"weight\":1}]}"),
        "arms[0].name");
    assertInvalid(post("/api/experiments",
        "{\"name\":\"bad-4\",\"arms\":[{\"name\":\"a\",\"weight\":1},{\"name\":\"a\",\"weight\":1}]}"), "arms");
    Response metric = post("/api/experiments", "{\"name\":\"bad-5\",\"metric\":\"clicks\"}");
    assertInvalid(metric, "metric");
    assertThat(metric.json().path("detail").asText()).contains("conversion").contains("revenue").contains("clicks");
    Response action = post("/api/experiments", "{\"name\":\"bad-6\",\"action\":\"bribe\"}");
    assertInvalid(action, "action");
    assertThat(action.json().path("detail").asText()).contains("win_back");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-7\",\"action\":\"none\"}"), "action");
    assertInvalid(post("/api/experiments", "{\"description\":\"no name\"}"), "name");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-8\",\"windowDays\":0}"), "windowDays");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-9\",\"confidenceLevel\":1.5}"), "confidenceLevel");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-10\",\"minimumDetectableEffect\":0}"),
        "minimumDetectableEffect");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-11\",\"eligibility\":{\"minimumChurnRisk\":2}}"),
        "eligibility.minimumChurnRisk");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-12\",\"eligibility\":{\"preset\":\"klaviyo\"}}"),
        "eligibility.preset");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-13\",\"windowDays\":\"soon\"}"), "windowDays");
    assertInvalid(post("/api/experiments", "{\"name\":\"bad-14\",\"arms\":[{\"name\":\"a\"},null]}"), "arms[1]");

    Response list = get("/api/experiments");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.body()).doesNotContain("\"bad-");
  }

  @Test
  void duplicateNameNamesTheName() {
    create("{\"name\":\"dup\"}");
    Response r = post("/api/experiments", "{\"name\":\"dup\",\"metric\":\"revenue\",\"minimumDetectableEffect\":3}");
    assertInvalid(r, "name");
    long count = 0;
    for (JsonNode e : get("/api/experiments").json()) {
      if (e.path("definition").path("name").asText().equals("dup")) {
        count++;
      }
    }
    assertThat(count).isEqualTo(1);
  }

  @Test
  void sampleSizeIsTheCalculators_andBadArgumentsNameTheirField() {
    // The formula gives 3840.85 for 0.10 to 0.12 at 0.05 and 0.8 (ExperimentStatsTest, against SciPy): 3841 per arm.
    Response r = server.call("GET", "/api/experiments/sample-size?baseline=0.10&mde=0.02", null, reader);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("perArm").asLong()).isEqualTo(3841);
    assertThat(r.json().path("total").asLong()).isEqualTo(7682);
    Response custom = get("/api/experiments/sample-size?baseline=0.10&mde=0.02&alpha=0.01&power=0.9");
    assertThat(custom.json().path("perArm").asLong())
        .isEqualTo(dev.custintel.analytics.experiments.ExperimentStats.sampleSizePerArm(0.10, 0.02, 0.01, 0.9));
    // Named as the request names them, not as the SDK's arguments behind them.
    assertInvalid(get("/api/experiments/sample-size?baseline=1.5&mde=0.02"), "baseline");
    assertInvalid(get("/api/experiments/sample-size?baseline=0.1&mde=0"), "mde");
    assertInvalid(get("/api/experiments/sample-size?baseline=0.1&mde=0.02&alpha=1"), "alpha");
  }

  @Test
  void readKeyCannotWrite() {
    long id = create("{\"name\":\"scoped\"}");
    Response created = server.call("POST", "/api/experiments", "{\"name\":\"by-reader\"}", reader);
    assertThat(created.status()).as(created.toString()).isEqualTo(403);
    assertThat(created.json().path("type").asText()).isEqualTo("urn:custintel:problem:insufficient-scope");
    Response started = server.call("POST", "/api/experiments/" + id + "/start", null, reader);
    assertThat(started.status()).as(started.toString()).isEqualTo(403);
    Response exposed = server.call("POST", "/api/experiments/" + id + "/exposures",
        "{\"customerIds\":[\"c-001\"]}", reader);
    assertThat(exposed.status()).as(exposed.toString()).isEqualTo(403);

    Response read = server.call("GET", "/api/experiments/" + id, null, reader);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().path("status").asText()).isEqualTo("draft");
    assertThat(server.call("GET", "/api/experiments", null, reader).body()).doesNotContain("by-reader");
    Response noKey = server.call("GET", "/api/experiments/" + id, null, Map.of());
    assertThat(noKey.status()).as(noKey.toString()).isEqualTo(401);
  }

  @Test
  void unknownExperimentIs404() {
    for (String[] call : new String[][] {
        {"GET", "/api/experiments/987654321", null},
        {"GET", "/api/experiments/987654321/results", null},
        {"GET", "/api/experiments/987654321/assignments/c-001", null},
        {"POST", "/api/experiments/987654321/start", null},
        {"POST", "/api/experiments/987654321/stop", null},
        {"POST", "/api/experiments/987654321/exposures", "{\"customerIds\":[\"c-001\"]}"}}) {
      Response r = server.call(call[0], call[1], call[2], writer);
      assertThat(r.status()).as(call[0] + " " + call[1] + ": " + r).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:not-found");
    }
    Response notANumber = get("/api/experiments/abc");
    assertInvalid(notANumber, "id");
    long id = create("{\"name\":\"assign-unknown-customer\"}");
    Response nobody = get("/api/experiments/" + id + "/assignments/nobody-at-all");
    assertThat(nobody.status()).as(nobody.toString()).isEqualTo(404);
    assertThat(nobody.json().path("type").asText()).isEqualTo("urn:custintel:problem:not-found");
  }

  @Test
  void eligibilityByChurnRiskNeedsAModelRun() {
    // This store has no model run: judging a churn-risk condition is a 409, not a guess.
    long id = create("{\"name\":\"needs-run\",\"eligibility\":{\"minimumChurnRisk\":0.5}}");
    Response r = get("/api/experiments/" + id + "/assignments/c-001");
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:model-not-ready");
  }

  @Test
  void lifecycleAssignmentExposuresAndResults() {
    String name = "lifecycle";
    long id = create("{\"name\":\"" + name + "\",\"windowDays\":7}");
    Instant created = clock.instant();
    List<String> first = IntStream.range(0, 60).mapToObj(ExperimentApiTest::customer).toList();

    // A draft takes no exposures, and cannot be stopped.
    assertConflict(expose(id, first), id, "draft");
    assertConflict(post("/api/experiments/" + id + "/stop", null), id, "draft");

    // Assignment is the SDK's pure function of the experiment's name and the customer, already in a draft.
    for (int i = 0; i < 20; i++) {
      Response a = get("/api/experiments/" + id + "/assignments/" + customer(i));
      assertThat(a.status()).as(a.toString()).isEqualTo(200);
      int arm = Assignment.arm(name, customer(i), EVEN);
      assertThat(a.json().path("experimentId").asLong()).isEqualTo(id);
      assertThat(a.json().path("customerId").asText()).isEqualTo(customer(i));
      assertThat(a.json().path("arm").asInt()).as(customer(i)).isEqualTo(arm);
      assertThat(a.json().path("armName").asText()).isEqualTo(arm == 0 ? "control" : "treatment");
      assertThat(a.json().path("eligible").asBoolean()).isTrue();
    }

    clock.advance(Duration.ofMinutes(10));
    Response started = post("/api/experiments/" + id + "/start", null);
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    Instant startedAt = clock.instant();
    assertThat(started.json().path("status").asText()).isEqualTo("running");
    assertThat(started.json().path("startedAt").asText()).isEqualTo(startedAt.toString());
    assertThat(started.json().path("createdAt").asText()).isEqualTo(created.toString());
    assertConflict(post("/api/experiments/" + id + "/start", null), id, "running");

    // Exposures: recorded once, each in the customer's arm; again, all already exposed.
    Response exposed = expose(id, first);
    assertThat(exposed.status()).as(exposed.toString()).isEqualTo(200);
    assertThat(exposed.json().path("experimentId").asLong()).isEqualTo(id);
    assertThat(exposed.json().path("recorded").asInt()).isEqualTo(60);
    assertThat(exposed.json().path("alreadyExposed").asInt()).isZero();
    assertThat(exposed.json().path("exposures")).hasSize(60);
    for (int i = 0; i < 60; i++) {
      JsonNode x = exposed.json().path("exposures").get(i);
      assertThat(x.path("customerId").asText()).isEqualTo(customer(i));
      assertThat(x.path("arm").asInt()).as(customer(i)).isEqualTo(Assignment.arm(name, customer(i), EVEN));
      assertThat(x.path("exposedAt").asText()).isEqualTo(startedAt.toString());
      assertThat(x.path("recorded").asBoolean()).isTrue();
    }
    Response again = expose(id, first);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("recorded").asInt()).isZero();
    assertThat(again.json().path("alreadyExposed").asInt()).isEqualTo(60);
    assertThat(again.json().path("exposures").get(0).path("recorded").asBoolean()).isFalse();

    // An unknown customer: 400 naming it, and nothing of the request recorded.
    Response unknown = expose(id, List.of("c-070", "nobody-x", "c-071"));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
    assertThat(field(unknown)).isEqualTo("customerIds[1]");
    assertThat(unknown.json().path("detail").asText()).contains("nobody-x");
    Response afterUnknown = get("/api/experiments/" + id + "/results");
    assertThat(afterUnknown.status()).as(afterUnknown.toString()).isEqualTo(200);
    long exposedSum = 0;
    for (JsonNode arm : afterUnknown.json().path("arms")) {
      exposedSum += arm.path("exposed").asLong();
    }
    assertThat(exposedSum).isEqualTo(60);
    assertThat(get("/api/experiments/" + id).json().path("exposures").asLong()).isEqualTo(60);

    // Bad exposure bodies.
    assertInvalid(post("/api/experiments/" + id + "/exposures", "{\"customerIds\":[]}"), "customerIds");
    assertInvalid(post("/api/experiments/" + id + "/exposures", "{}"), "customerIds");
    assertInvalid(post("/api/experiments/" + id + "/exposures", "{\"customerIds\":[\"c-070\",null]}"),
        "customerIds[1]");
    assertInvalid(post("/api/experiments/" + id + "/exposures",
        "{\"customerIds\":[\"c-070\"],\"exposedAt\":\"yesterday\"}"), "exposedAt");
    assertInvalid(post("/api/experiments/" + id + "/exposures",
        "{\"customerIds\":" + jsonArray(IntStream.range(0, 10_001).mapToObj(i -> "x" + i).toList()) + "}"),
        "customerIds");
    assertInvalid(post("/api/experiments/" + id + "/exposures",
        "{\"customerIds\":[\"c-070\"],\"exposedAt\":\"" + startedAt.minusSeconds(1) + "\"}"), "exposedAt");
    Response future = post("/api/experiments/" + id + "/exposures",
        "{\"customerIds\":[\"c-070\"],\"exposedAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}");
    assertThat(future.status()).as(future.toString()).isEqualTo(400);
    assertThat(future.body()).contains("exposedAt");

    // c-070 was left out by every refused request: it is recorded now. c-071 at a given moment.
    clock.advance(Duration.ofHours(2));
    Response late = expose(id, List.of("c-070"));
    assertThat(late.json().path("recorded").asInt()).as(late.toString()).isEqualTo(1);
    Instant given = startedAt.plus(Duration.ofHours(1));
    Response at = post("/api/experiments/" + id + "/exposures",
        "{\"customerIds\":[\"c-071\"],\"exposedAt\":\"" + given + "\"}");
    assertThat(at.status()).as(at.toString()).isEqualTo(200);
    assertThat(at.json().path("exposures").get(0).path("exposedAt").asText()).isEqualTo(given.toString());
    // A customer given twice in one request is exposed once.
    Response twice = expose(id, List.of("c-072", "c-072"));
    assertThat(twice.json().path("recorded").asInt()).as(twice.toString()).isEqualTo(1);
    assertThat(twice.json().path("alreadyExposed").asInt()).isZero();
    assertThat(twice.json().path("exposures")).hasSize(1);
    List<String> all = new ArrayList<>(first);
    all.add("c-070");
    all.add("c-071");
    all.add("c-072");

    // Results while every window is open: exposed per arm as the assignment says, nothing measured yet.
    long[] expected = perArm(name, all, EVEN);
    assertThat(expected[0]).isPositive();
    assertThat(expected[1]).isPositive();
    JsonNode open = get("/api/experiments/" + id + "/results").json();
    assertThat(open.path("experiment").path("id").asLong()).isEqualTo(id);
    assertThat(open.path("experiment").path("status").asText()).isEqualTo("running");
    assertThat(open.path("experiment").path("exposures").asLong()).isEqualTo(63);
    assertThat(open.path("arms")).hasSize(2);
    for (int arm = 0; arm < 2; arm++) {
      JsonNode a = open.path("arms").get(arm);
      assertThat(a.path("arm").asInt()).isEqualTo(arm);
      assertThat(a.path("name").asText()).isEqualTo(arm == 0 ? "control" : "treatment");
      assertThat(a.path("exposed").asLong()).as("arm " + arm).isEqualTo(expected[arm]);
      assertThat(a.path("measured").asLong()).isZero();
      assertThat(a.path("conversionRate").isNull()).as(a.toString()).isTrue();
      assertThat(a.path("revenuePerCustomer").isNull()).as(a.toString()).isTrue();
      assertThat(a.path("revenueVariance").isNull()).as(a.toString()).isTrue();
    }
    assertThat(open.path("pending").asLong()).isEqualTo(63);
    assertThat(open.path("finished").asBoolean()).isFalse();
    assertThat(open.path("asOf").asText()).isEqualTo(clock.instant().toString());
    assertThat(open.path("sampleRatio").path("observed").get(0).asLong()).isEqualTo(expected[0]);
    assertThat(open.path("sampleRatio").path("observed").get(1).asLong()).isEqualTo(expected[1]);
    assertThat(open.path("summary").asText()).isNotBlank();

    // A day later, c-000 .. c-019 buy; the seed orders (before exposure) never count.
    clock.advance(Duration.ofDays(1));
    List<String> buyers = first.subList(0, 20);
    purchase(buyers, "15.00");
    long[] converted = perArm(name, buyers, EVEN);
    clock.advance(Duration.ofDays(7));
    JsonNode closed = get("/api/experiments/" + id + "/results").json();
    assertThat(closed.path("pending").asLong()).isZero();
    assertThat(closed.path("currency").asText()).isEqualTo("USD");
    for (int arm = 0; arm < 2; arm++) {
      JsonNode a = closed.path("arms").get(arm);
      assertThat(a.path("exposed").asLong()).isEqualTo(expected[arm]);
      assertThat(a.path("measured").asLong()).as("arm " + arm).isEqualTo(expected[arm]);
      assertThat(a.path("conversions").asLong()).as("arm " + arm).isEqualTo(converted[arm]);
      assertThat(a.path("conversionRate").asDouble())
          .isCloseTo((double) converted[arm] / expected[arm], Offset.offset(1e-9));
      assertThat(a.path("revenuePerCustomer").asDouble())
          .isCloseTo(15.0 * converted[arm] / expected[arm], Offset.offset(1e-9));
    }
    JsonNode conversion = closed.path("comparisons").get(0).path("conversion");
    assertThat(closed.path("comparisons")).hasSize(1);
    assertThat(closed.path("comparisons").get(0).path("name").asText()).isEqualTo("treatment");
    assertThat(conversion.path("controlSize").asLong()).isEqualTo(expected[0]);
    assertThat(conversion.path("controlConversions").asLong()).isEqualTo(converted[0]);
    assertThat(conversion.path("treatmentSize").asLong()).isEqualTo(expected[1]);
    assertThat(conversion.path("treatmentConversions").asLong()).isEqualTo(converted[1]);
    assertThat(closed.path("finished").asBoolean()).isFalse();

    // Stop: no more exposures, and with every window closed the experiment has finished.
    Response stopped = post("/api/experiments/" + id + "/stop", null);
    assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
    assertThat(stopped.json().path("status").asText()).isEqualTo("stopped");
    assertThat(stopped.json().path("stoppedAt").asText()).isEqualTo(clock.instant().toString());
    assertConflict(post("/api/experiments/" + id + "/stop", null), id, "stopped");
    assertConflict(post("/api/experiments/" + id + "/start", null), id, "stopped");
    assertConflict(expose(id, List.of("c-080")), id, "stopped");
    JsonNode done = get("/api/experiments/" + id + "/results").json();
    assertThat(done.path("experiment").path("status").asText()).isEqualTo("stopped");
    assertThat(done.path("finished").asBoolean()).isTrue();
    assertThat(done.path("arms").get(0).path("exposed").asLong() + done.path("arms").get(1).path("exposed").asLong())
        .isEqualTo(63);
  }

  /**
   * Revenue where neither arm varies (control spends nothing, treatment exactly 10.00 each): Welch's t is +∞ in
   * the SDK, and the response is still JSON, with t as null.
   */
  @Test
  void nonFiniteStatisticsAreJsonNull() {
    String name = "revenue-no-variance";
    List<String> control = new ArrayList<>();
    List<String> treatment = new ArrayList<>();
    for (int i = 100; i < 200 && (control.size() < 3 || treatment.size() < 3); i++) {
      List<String> arm = Assignment.arm(name, customer(i), EVEN) == 0 ? control : treatment;
      if (arm.size() < 3) {
        arm.add(customer(i));
      }
    }
    long id = create("{\"name\":\"" + name + "\",\"metric\":\"revenue\",\"minimumDetectableEffect\":5,"
        + "\"windowDays\":1}");
    assertThat(post("/api/experiments/" + id + "/start", null).status()).isEqualTo(200);
    List<String> everyone = new ArrayList<>(control);
    everyone.addAll(treatment);
    Response exposed = expose(id, everyone);
    assertThat(exposed.json().path("recorded").asInt()).as(exposed.toString()).isEqualTo(6);
    clock.advance(Duration.ofHours(1));
    purchase(treatment, "10.00");
    clock.advance(Duration.ofDays(2));

    Response r = get("/api/experiments/" + id + "/results");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("Infinity").doesNotContain("NaN");
    JsonNode results = r.json();
    assertThat(results.path("experiment").path("definition").path("metric").asText()).isEqualTo("revenue");
    assertThat(results.path("arms").get(0).path("measured").asLong()).isEqualTo(3);
    assertThat(results.path("arms").get(0).path("revenuePerCustomer").asDouble()).isZero();
    assertThat(results.path("arms").get(1).path("measured").asLong()).isEqualTo(3);
    assertThat(results.path("arms").get(1).path("conversions").asLong()).isEqualTo(3);
    assertThat(results.path("arms").get(1).path("revenuePerCustomer").asDouble()).isEqualTo(10.0);
    assertThat(results.path("arms").get(1).path("revenueVariance").asDouble()).isZero();
    JsonNode revenue = results.path("comparisons").get(0).path("revenue");
    assertThat(revenue.isObject()).as(r.toString()).isTrue();
    assertThat(revenue.path("difference").asDouble()).isEqualTo(10.0);
    assertThat(revenue.has("t")).isTrue();
    assertThat(revenue.path("t").isNull()).as(revenue.toString()).isTrue();
    assertThat(revenue.path("pValue").asDouble()).isZero();
    assertThat(results.path("sampleSizePerArm").isNull()).isTrue();
  }

  @Test
  void openApiListsTheExperimentEndpoints() {
    Response r = server.call("GET", "/v3/api-docs", null, Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode paths = r.json().path("paths");
    for (String path : new String[] {"/api/experiments", "/api/experiments/{id}", "/api/experiments/{id}/start",
        "/api/experiments/{id}/stop", "/api/experiments/{id}/exposures", "/api/experiments/{id}/results",
        "/api/experiments/{id}/assignments/{customerId}"}) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
    assertThat(paths.path("/api/experiments").has("post")).isTrue();
    assertThat(paths.path("/api/experiments").has("get")).isTrue();
  }
}

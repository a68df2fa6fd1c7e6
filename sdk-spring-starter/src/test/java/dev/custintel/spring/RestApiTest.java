package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.actions.NextBestAction;
import dev.custintel.analytics.campaigns.RetentionCampaign;
import dev.custintel.analytics.campaigns.RetentionOptions;
import dev.custintel.analytics.models.ModelRun;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.imports.ImportFormat;
import dev.custintel.core.imports.ImportOptions;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestData;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST API over real HTTP on the CDNOW master file, on H2 and PostgreSQL: each endpoint's happy path with
 * values known from the data, paging, ingestion then read, and problem details. Security is off here
 * ({@code ApiKeySecurityTest} covers it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest extends OnBothDatabases {
  /** The sums of CDNOW_master.txt's number_of_cds and dollar_value columns. */
  private static final long UNITS = 167_881;
  private static final String REVENUE = "2500315.63";
  private TestDatabase database;
  private TestServer server;
  private ModelRun run;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      ci.ingestion().importFile(TestData.file("clv/CDNOW_master.txt"), ImportFormat.CDNOW, ImportOptions.defaults());
      run = ci.models().refresh(
          ModelRunRequest.builder().asOf(LocalDate.of(1998, 6, 30)).holdout(Period.ofWeeks(39)).build());
    }
    server = TestServer.start("spring.datasource.url=" + database.jdbcUrl(), "custintel.security.enabled=false");
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

  private Response get(String path) {
    return server.call("GET", path, null, Map.of());
  }

  @Test
  void profileOfCdnowCustomer3() {
    Response r = get("/api/customers/00003");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode p = r.json();
    assertThat(p.path("customerId").asText()).isEqualTo("00003");
    // From the file: 6 rows of customer 00003, 20.76 + 20.76 + 19.54 + 57.45 + 20.96 + 16.99 = 156.46.
    assertThat(p.path("orders").asInt()).isEqualTo(6);
    assertThat(p.path("totalSpent").path("amount").asText()).isEqualTo("156.46");
    assertThat(p.path("firstOrderAt").asText()).isEqualTo("1997-01-02T00:00:00Z");
    assertThat(p.path("lastOrderAt").asText()).isEqualTo("1998-05-28T00:00:00Z");
    assertThat(p.toString()).contains("\"amount\":\"156.46\"").contains("\"currency\":\"USD\"");
    assertThat(p.toString()).contains("1997-01-02T").contains("1998-05-28T");
  }

  @Test
  void nextBestActionIsTheSdksAnswer() {
    // The customer with the most value at risk, and customer 00003 (six orders), through HTTP and through the SDK.
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      for (String id : List.of(ci.churn().atRisk(1).get(0).customerId(), "00003")) {
        NextBestAction sdk = ci.actions().next(id);
        Response r = get("/api/customers/" + id + "/next-best-action");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.path("customerId").asText()).isEqualTo(id);
        assertThat(a.path("action").asText()).isEqualTo(sdk.action().wireName());
        assertThat(a.path("urgency").asText()).isEqualTo(sdk.urgency().name().toLowerCase(Locale.ROOT));
        assertThat(new BigDecimal(a.path("expectedImpact").path("amount").asText()))
            .isEqualByComparingTo(sdk.expectedImpact().amount());
        assertThat(a.path("arithmetic").asText()).isEqualTo(sdk.arithmetic());
        assertThat(a.path("candidates")).hasSize(4);
        assertThat(a.path("candidates").get(0).path("action").asText()).isEqualTo("win_back");
      }
    }
    assertThat(get("/api/customers/nobody/next-best-action").status()).isEqualTo(404);
  }

  @Test
  void recommend_pagesAListAndASegment() {
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      Response first = server.call("POST", "/api/actions/recommend",
          "{\"customerIds\":[\"00003\",\"nobody\",\"00004\"],\"limit\":2}",
          Map.of("Content-Type", "application/json"));
      assertThat(first.status()).as(first.toString()).isEqualTo(200);
      assertThat(first.json().path("actions")).hasSize(1);
      assertThat(first.json().path("actions").get(0).path("customerId").asText()).isEqualTo("00003");
      assertThat(first.json().path("actions").get(0).path("action").asText())
          .isEqualTo(ci.actions().next("00003").action().wireName());
      assertThat(first.json().path("unscored").get(0).asText()).isEqualTo("nobody");
      String cursor = first.json().path("nextCursor").asText();
      Response second = server.call("POST", "/api/actions/recommend",
          "{\"customerIds\":[\"00003\",\"nobody\",\"00004\"],\"limit\":2,\"cursor\":\"" + cursor + "\"}",
          Map.of("Content-Type", "application/json"));
      assertThat(second.json().path("actions").get(0).path("customerId").asText()).isEqualTo("00004");
      assertThat(second.json().path("nextCursor").isNull()).isTrue();
      Response none = server.call("POST", "/api/actions/recommend", "{}", Map.of("Content-Type", "application/json"));
      assertThat(none.status()).isEqualTo(400);
      assertThat(none.body()).contains("customerIds");

      Response segment = get("/api/segments/at_risk/next-best-actions?limit=5");
      assertThat(segment.status()).as(segment.toString()).isEqualTo(200);
      List<String> members = ci.segments().members("at_risk", dev.custintel.analytics.segments.SegmentRequest
              .defaults().withCurrency(ci.models().active().orElseThrow().data().currency()), 5, null).items().stream()
          .map(m -> m.scores().customerId()).toList();
      List<String> got = new java.util.ArrayList<>();
      segment.json().path("actions").forEach(a -> got.add(a.path("customerId").asText()));
      segment.json().path("unscored").forEach(u -> got.add(u.asText()));
      assertThat(got).containsExactlyInAnyOrderElementsOf(members);
      assertThat(get("/api/segments/no_such_segment/next-best-actions").status()).isEqualTo(400);
    }
  }

  @Test
  void retentionCampaignIsTheSdks() {
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .rescoreOnIngest(false).build()) {
      RetentionCampaign sdk = ci.campaigns().retention(RetentionOptions.defaults().withMinimumChurnRisk(0.7)
          .withLimit(25));
      Response r = get("/api/campaigns/retention?minRisk=0.7&limit=25");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode c = r.json();
      assertThat(c.path("runId").asLong()).isEqualTo(sdk.runId());
      assertThat(c.path("customers")).hasSize(sdk.customers().size());
      for (int i = 0; i < sdk.customers().size(); i++) {
        JsonNode row = c.path("customers").get(i);
        assertThat(row.path("customerId").asText()).isEqualTo(sdk.customers().get(i).customerId());
        assertThat(row.path("action").asText()).isEqualTo(sdk.customers().get(i).action().wireName());
        assertThat(new BigDecimal(row.path("expectedImpact").path("amount").asText()))
            .isEqualByComparingTo(sdk.customers().get(i).expectedImpact().amount());
      }
      assertThat(c.path("totals").path("customers").asInt()).isEqualTo(25);
      assertThat(new BigDecimal(c.path("totals").path("expectedRecoveredValue").path("amount").asText()))
          .isEqualByComparingTo(sdk.totals().expectedRecoveredValue().amount());
    }
    Response bad = get("/api/campaigns/retention?limit=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("limit");
    Response risky = get("/api/campaigns/retention?minRisk=2");
    assertThat(risky.status()).isEqualTo(400);
    // The error names the request's parameter, not the SDK's field behind it.
    assertThat(risky.json().path("errors").get(0).path("field").asText()).as(risky.toString()).isEqualTo("minRisk");
    Response riskyList = get("/api/churn/at-risk?minRisk=-0.1");
    assertThat(riskyList.status()).isEqualTo(400);
    assertThat(riskyList.json().path("errors").get(0).path("field").asText()).as(riskyList.toString())
        .isEqualTo("minRisk");
    Response days = get("/api/campaigns/retention?contactedWithinDays=400");
    assertThat(days.status()).isEqualTo(400);
    assertThat(days.body()).contains("contactedWithinDays");
    Response keep = get("/api/campaigns/retention?minRisk=0.7&limit=25&includeControlGroups=true"
        + "&contactedWithinDays=0");
    assertThat(keep.status()).isEqualTo(200);
    assertThat(keep.json().path("excluded")).isEmpty();
    assertThat(keep.json().path("totals").path("excluded").asInt(-1)).isZero();
  }

  @Test
  void unknownCustomerIsANotFoundProblem() {
    Response r = get("/api/customers/no-such-customer");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:not-found");
    assertThat(r.json().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void badParameterNamesTheField() {
    Response r = get("/api/customers?limit=abc");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
    Response tooMany = get("/api/customers?limit=5000");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }

  @Test
  void cursorPagingVisitsEveryMatchOnce() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Response r = get("/api/customers?minOrders=20&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      for (JsonNode item : r.json().path("items")) {
        assertThat(seen.add(item.path("customerId").asText())).isTrue();
      }
      cursor = r.json().path("nextCursor").isNull() ? null : r.json().path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).isNotEmpty();
    assertThat(pages).isGreaterThan(1);
  }

  @Test
  void productsFromTheData() {
    // CDNOW records spend, not items: every order has one line of the product CDNOW-CD. The expected figures are
    // the file's own (awk over CDNOW_master.txt: 69,659 rows, 23,570 customers, the sums of its two last columns).
    Response list = get("/api/products?limit=10");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().path("items").get(0).path("sku").asText()).isEqualTo("CDNOW-CD");
    Response one = get("/api/products/CDNOW-CD");
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().path("orders").asLong()).isEqualTo(69_659);
    assertThat(one.json().path("buyers").asLong()).isEqualTo(23_570);
    assertThat(one.json().path("unitsSold").asLong()).isEqualTo(UNITS);
    assertThat(one.json().path("revenue").get(0).path("amount").asText()).isEqualTo(REVENUE);
    assertThat(one.json().path("revenue").get(0).path("currency").asText()).isEqualTo("USD");
    assertThat(one.json().path("firstSold").asText()).isEqualTo("1997-01-01T00:00:00Z");
    assertThat(one.json().path("lastSold").asText()).isEqualTo("1998-06-30T00:00:00Z");
    assertThat(get("/api/products/no-such-sku").status()).isEqualTo(404);
  }

  @Test
  void unknownPathIsANotFoundProblem() {
    Response r = get("/api/no-such-thing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void wrongMethodIs405AndWrongMediaTypeIs415() {
    Response method = get("/api/orders");
    assertThat(method.status()).as(method.toString()).isEqualTo(405);
    assertThat(method.header("Allow")).isEqualTo("POST");
    assertThat(method.json().path("type").asText()).isEqualTo("urn:custintel:problem:method-not-allowed");
    Response media = server.call("POST", "/api/orders", "x", Map.of("Content-Type", "text/plain"));
    assertThat(media.status()).as(media.toString()).isEqualTo(415);
    assertThat(media.json().path("type").asText()).isEqualTo("urn:custintel:problem:unsupported-media-type");
  }

  @Test
  void badCursorNamesTheCursorParameter() {
    Response r = get("/api/customers?cursor=AAAA");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
  }

  @Test
  void churnLtvAndModels() {
    Response risk = get("/api/customers/00003/churn-risk");
    assertThat(risk.status()).as(risk.toString()).isEqualTo(200);
    Response ltv = get("/api/customers/00003/ltv");
    assertThat(ltv.status()).as(ltv.toString()).isEqualTo(200);
    Response summary = get("/api/churn/summary");
    assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
    Response atRisk = get("/api/churn/at-risk?limit=5&minRisk=0.5");
    assertThat(atRisk.status()).as(atRisk.toString()).isEqualTo(200);
    assertThat(atRisk.json().size()).isEqualTo(5);
    Response models = get("/api/models");
    assertThat(models.status()).as(models.toString()).isEqualTo(200);
    assertThat(models.json().get(0).path("id").asLong()).isEqualTo(run.id());
    assertThat(models.json().get(0).path("active").asBoolean()).isTrue();
    assertThat(models.json().get(0).path("timing").path("total").asText()).matches("PT[0-9.]+S");
    assertThat(risk.json().path("runId").asLong()).isEqualTo(run.id());
    double churn = risk.json().path("churnRisk").asDouble();
    assertThat(risk.json().path("probabilityAlive").asDouble()).isCloseTo(1 - churn, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(ltv.json().path("value").path("currency").asText()).isEqualTo("USD");
    assertThat(ltv.json().path("value").path("amount").asText()).matches("[0-9]+\\.[0-9]{2}");
    assertThat(summary.json().path("customers").asInt()).isEqualTo(23_570);
    double previous = Double.MAX_VALUE;
    for (JsonNode c : atRisk.json()) {
      assertThat(c.path("churnRisk").asDouble()).isGreaterThanOrEqualTo(0.5);
      double value = new java.math.BigDecimal(c.path("valueAtRisk").path("amount").asText()).doubleValue();
      assertThat(value).isLessThanOrEqualTo(previous);
      previous = value;
    }
  }

  @Test
  void ingestionByPostThenProfileByGet() {
    String body = """
        {"customers":[{"id":"web-1","email":"a@example.com","country":"DE"}],
         "products":[{"id":"sku-1","name":"Mug","category":"Kitchen"}],
         "orders":[{"id":"web-order-1","customerId":"web-1","placedAt":"2026-03-01T12:00:00Z","currency":"EUR",
                    "lines":[{"productId":"sku-1","quantity":2,"amount":"19.90"}]},
                   {"id":"web-order-2","customerId":"web-1","placedAt":"2026-03-05T09:30:00Z","currency":"EUR",
                    "lines":[{"productId":"sku-1","quantity":1,"amount":9.95}]}]}
        """;
    Response first = server.call("POST", "/api/orders", body, Map.of());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().path("ordersInserted").asInt()).isEqualTo(2);
    Response again = server.call("POST", "/api/orders", body, Map.of());
    assertThat(again.json().path("ordersInserted").asInt()).isZero();
    assertThat(again.json().path("ordersUnchanged").asInt()).isEqualTo(2);
    Response profile = get("/api/customers/web-1");
    assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
    assertThat(profile.body()).contains("\"amount\":\"29.85\"").contains("\"currency\":\"EUR\"")
        .contains("2026-03-01T12:00:00Z").contains("2026-03-05T09:30:00Z");
  }

  @Test
  void invalidBatchNamesTheFieldAndWritesNothing() {
    String body = """
        {"orders":[{"id":"bad-1","customerId":"web-bad","placedAt":"2026-03-01T12:00:00Z","currency":"EUR",
                    "lines":[{"productId":"sku-1","quantity":1,"amount":"5.00"}]},
                   {"id":"bad-2","customerId":"web-bad","placedAt":"2026-03-01T12:00:00Z","currency":"EUR",
                    "lines":[{"productId":"sku-1","quantity":0,"amount":"5.00"}]}]}
        """;
    Response r = server.call("POST", "/api/orders", body, Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("errors").get(0).path("field").asText()).startsWith("orders[1].lines[0]");
    assertThat(get("/api/customers/web-bad").status()).isEqualTo(404);

    Response badDate = server.call("POST", "/api/orders",
        "{\"orders\":[{\"id\":\"x\",\"customerId\":\"c\",\"placedAt\":\"yesterday\",\"currency\":\"EUR\",\"lines\":[]}]}",
        Map.of());
    assertThat(badDate.status()).as(badDate.toString()).isEqualTo(400);
    assertThat(badDate.json().path("errors").get(0).path("field").asText()).isEqualTo("orders[0].placedAt");

    Response notJson = server.call("POST", "/api/orders", "{not json", Map.of());
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
  }

  @Test
  void oversizedBodiesAre413BeforeTheyAreRead() {
    String big = "{\"orders\":[" + "{\"id\":\"x\"},".repeat(1_000_000) + "{\"id\":\"y\"}]}";
    Response r = server.call("POST", "/api/orders", big, Map.of());
    assertThat(r.status()).as(r.toString().substring(0, 200)).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:payload-too-large");
    // written by the filter, with the same members as the problems Spring MVC writes
    assertThat(r.json().path("title").asText()).isEqualTo("Payload too large");
    assertThat(r.json().path("status").asInt()).isEqualTo(413);
    assertThat(r.json().path("instance").asText()).isEqualTo("/api/orders");
  }

  /** Figures counted from CDNOW_master.txt with a Python script (see CohortsCdnowTest in sdk-analytics). */
  @Test
  void cohortsFromTheData() {
    Response r = get("/api/cohorts?period=month");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode t = r.json();
    assertThat(t.path("currency").asText()).isEqualTo("USD");
    JsonNode cohorts = t.path("cohorts");
    assertThat(cohorts).hasSize(3);
    assertThat(cohorts.get(0).path("label").asText()).isEqualTo("1997-01");
    assertThat(cohorts.get(0).path("customers").asLong()).isEqualTo(7846);
    JsonNode k1 = cohorts.get(0).path("periods").get(1);
    assertThat(k1.path("active").asLong()).isEqualTo(1157);
    assertThat(k1.path("activeOnOrAfter").asLong()).isEqualTo(3654);
    assertThat(k1.path("revenue").path("amount").asText()).isEqualTo("61041.69");
    assertThat(k1.path("cumulativeRevenuePerCustomer").path("amount").asText()).isEqualTo("45.90");
    assertThat(t.path("insights").isArray()).isTrue();

    Response csv = server.call("GET", "/api/cohorts?period=quarter", null, Map.of("Accept", "text/csv"));
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body().lines().toList()).hasSize(1 + 6).element(1).asString()
        .startsWith("1997-Q1,23570,0,23570,23570,1.000000,1.000000,");

    Response bad = get("/api/cohorts?period=fortnight");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
    assertThat(bad.json().path("detail").asText()).contains("period");
  }

  @Test
  void segmentsFromTheData() {
    // figures from a Python script over the raw CDNOW master file (see SegmentsCdnowTest)
    Response r = get("/api/segments?asOf=1998-01-01");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.path("preset").asText()).isEqualTo("rf-grid");
    assertThat(report.path("customers").asLong()).isEqualTo(23_570);
    assertThat(report.path("segments").get(0).path("name").asText()).isEqualTo("champions");
    assertThat(report.path("segments").get(0).path("customers").asLong()).isEqualTo(3748);
    assertThat(report.path("segments").get(0).path("revenue").path("amount").asText()).isEqualTo("942626.68");
    assertThat(report.path("scores").path("F").path("1").asLong()).isEqualTo(12_926);

    Response one = get("/api/customers/00003/segment?asOf=1998-01-01");
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().path("segment").asText()).isEqualTo("champions");
    assertThat(one.json().path("scores").path("recencyDays").asLong()).isEqualTo(37);

    Response page = get("/api/segments/cant_lose_them/customers?asOf=1998-01-01&limit=30");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.json().path("items")).hasSize(30);
    Response rest = get("/api/segments/cant_lose_them/customers?asOf=1998-01-01&limit=30&cursor="
        + page.json().path("nextCursor").asText());
    assertThat(rest.json().path("items")).hasSize(8); // 38 in all
    assertThat(rest.json().path("nextCursor").isNull()).isTrue();

    Response klaviyo = get("/api/segments?preset=klaviyo&asOf=1998-01-01");
    assertThat(klaviyo.json().path("segments")).hasSize(6);

    for (String bad : new String[] {"/api/segments?preset=rfm", "/api/segments?asOf=yesterday",
        "/api/segments/vips/customers", "/api/segments/champions/customers?limit=0"}) {
      Response problem = get(bad);
      assertThat(problem.status()).as(bad).isEqualTo(400);
      assertThat(problem.json().path("type").asText()).isEqualTo("urn:custintel:problem:invalid-input");
    }
    assertThat(get("/api/customers/nobody/segment").status()).isEqualTo(404);
  }

  @Test
  void openApiListsEveryEndpoint() {
    Response r = get("/v3/api-docs");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode paths = r.json().path("paths");
    for (String path : new String[] {"/api/customers/{id}", "/api/customers", "/api/customers/top",
        "/api/customers/{id}/churn-risk", "/api/customers/{id}/ltv", "/api/customers/{id}/cross-sell",
        "/api/customers/{id}/next-best-action", "/api/campaigns/retention", "/api/actions/recommend",
        "/api/segments/{name}/next-best-actions", "/api/experiments", "/api/experiments/{id}/results",
        "/api/churn/summary", "/api/churn/at-risk", "/api/affinity/rules", "/api/products/{sku}/bought-together",
        "/api/models", "/api/models/{id}", "/api/models/refresh", "/api/models/{id}/activate", "/api/orders",
        "/api/products", "/api/products/{sku}", "/api/cohorts", "/api/segments",
        "/api/segments/{name}/customers", "/api/customers/{id}/segment", "/admin/keys", "/admin/keys/{id}", "/admin/cache/stats", "/admin/db/pool"}) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
    assertThat(r.json().path("components").path("schemas").has("CustomerProfile")).isTrue();
  }

  @Test
  void prometheusCarriesCustintelAndHttpMeters() {
    get("/api/customers/00003");
    Response r = get("/actuator/prometheus");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).contains("custintel_cache_gets").contains("http_server_requests_seconds");
  }

  @Test
  void healthReportsDatabaseAndModelFreshness() {
    Response r = get("/actuator/health/custintel-models");
    // The run was made moments ago, within the default maximum age of 7 days.
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).contains("\"runId\":" + run.id());
    Response health = get("/actuator/health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  void adminFigures() {
    get("/api/customers/00003");
    get("/api/customers/00003");
    Response cache = get("/admin/cache/stats");
    assertThat(cache.status()).as(cache.toString()).isEqualTo(200);
    assertThat(cache.json().path("profiles").path("hits").asLong()).isPositive();
    assertThat(cache.json().has("api-keys")).isTrue();
    Response emptied = server.call("POST", "/admin/cache/invalidate", null, Map.of());
    assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
    assertThat(emptied.json().path("profiles").path("size").asLong()).isZero();
    Response pool = get("/admin/db/pool");
    assertThat(pool.status()).as(pool.toString()).isEqualTo(200);
    assertThat(pool.json().path("pooled").asBoolean()).isTrue();
    assertThat(pool.json().path("total").asInt()).isPositive();
  }
}

package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRunRequest;
import dev.custintel.core.generate.ShopGenerator;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.SettableClock;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code POST /api/query} and its alias {@code /api/mcp/query} over real HTTP with API keys, on H2 and PostgreSQL,
 * on the demo shop: the replaced service's three load-test questions, a typed query read back as answers show it,
 * bad bodies naming their field, and the read scope sufficing although the method is POST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest extends OnBothDatabases {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private TestDatabase database;
  private TestServer server;
  private Map<String, String> reader;
  private Map<String, String> none;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl())
        .clock(java.time.Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      ShopGenerator.builder().seed(3L).customers(600).months(12).end(LocalDate.parse("2026-12-06")).build()
          .generate(2_000, batch -> ci.ingestion().ingest(batch));
      ci.models().refresh(ModelRunRequest.builder().backtest(false).build());
    }
    server = TestServer.start(Map.of("testClock", new SettableClock(NOW)), "spring.datasource.url="
        + database.jdbcUrl());
    CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
    reader = Map.of("X-API-Key", ci.store().apiKeys().create("reader", EnumSet.of(ApiKeyScope.READ)).key());
    none = Map.of();
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

  private Response ask(String path, String body, Map<String, String> headers) {
    return server.call("POST", path, body, headers);
  }

  @Test
  void top10VipThisMonth_answersWithTheTopSpenderOfDecember() throws SQLException {
    Response r = ask("/api/query", "{\"query\":\"Top 10 VIP customers this month\"}", reader);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode a = r.json();
    assertThat(a.path("understood").asText()).isEqualTo("top 10 customers by net spend this month (2026-12-01 to"
        + " 2026-12-31)");
    assertThat(a.path("query").path("intent").asText()).isEqualTo("top_customers_by_spend");
    assertThat(a.path("query").path("limit").asInt()).isEqualTo(10);
    assertThat(a.path("query").path("period").path("from").asText()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(a.path("query").has("country")).as("unset fields are left out").isFalse();
    assertThat(a.path("rows").size()).isEqualTo(10);
    assertThat(a.path("rows").path(0).path("customerId").asText()).isEqualTo(topSpenderInDecember());
    assertThat(a.path("answer").asText()).startsWith(topSpenderInDecember() + " spent the most this month");
  }

  private String topSpenderInDecember() throws SQLException {
    Map<String, BigDecimal> net = new HashMap<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        PreparedStatement ps = c.prepareStatement("SELECT customer_id, kind, total_amount FROM ci_orders"
            + " WHERE placed_at >= ? AND placed_at < ?")) {
      ps.setObject(1, OffsetDateTime.parse("2026-12-01T00:00:00Z"));
      ps.setObject(2, OffsetDateTime.parse("2027-01-01T00:00:00Z"));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          BigDecimal amount = rs.getBigDecimal(3);
          net.merge(rs.getString(1), rs.getString(2).equals("PURCHASE") ? amount : amount.negate(), BigDecimal::add);
        }
      }
    }
    return net.entrySet().stream()
        .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .findFirst().orElseThrow().getKey();
  }

  @Test
  void theReplacedServicesQuestions_onTheAlias_areUnderstood() {
    Response inactive = ask("/api/mcp/query", "{\"query\":\"Which customers haven't purchased in 90 days?\"}", reader);
    assertThat(inactive.status()).as(inactive.toString()).isEqualTo(200);
    assertThat(inactive.json().path("query").path("intent").asText()).isEqualTo("inactive_customers");
    assertThat(inactive.json().path("query").path("days").asInt()).isEqualTo(90);
    assertThat(inactive.json().path("rows")).allSatisfy(row ->
        assertThat(row.path("daysSinceLastOrder").asLong()).isGreaterThanOrEqualTo(90));

    Response risk = ask("/api/mcp/query", "{\"query\":\"Show me high churn risk customers\"}", reader);
    assertThat(risk.status()).as(risk.toString()).isEqualTo(200);
    assertThat(risk.json().path("query").path("intent").asText()).isEqualTo("high_churn_risk");
    assertThat(risk.json().path("query").path("minChurnRisk").asDouble()).isEqualTo(0.8);
    assertThat(risk.json().path("rows").size()).isPositive();
    assertThat(risk.json().path("rows")).allSatisfy(row ->
        assertThat(row.path("churnRisk").asDouble()).isGreaterThanOrEqualTo(0.8));
  }

  @Test
  void aTypedQuery_asAnAnswerShowsIt_isAnsweredAsIs() {
    Response first = ask("/api/query", "{\"query\":\"top 3 customers by number of orders in 2026\"}", reader);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    JsonNode typed = first.json().path("query");
    assertThat(typed.path("intent").asText()).isEqualTo("top_customers_by_orders");

    // The client corrects the limit and sends the typed query back.
    String corrected = typed.toString().replace("\"limit\":3", "\"limit\":5");
    Response again = ask("/api/query", "{\"query\":" + corrected + "}", reader);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("rows").size()).isEqualTo(5);
    assertThat(again.json().path("rows").path(0).path("customerId").asText())
        .isEqualTo(first.json().path("rows").path(0).path("customerId").asText());
    assertThat(again.json().path("translatedBy").asText()).isEqualTo("query");
  }

  @Test
  void anUnknownQuestion_is200WithSuggestions() {
    Response r = ask("/api/query", "{\"query\":\"what's the weather in Paris\"}", reader);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("understood").isNull()).isTrue();
    assertThat(r.json().path("query").isNull()).isTrue();
    assertThat(r.json().path("suggestions").size()).isEqualTo(3);
  }

  @Test
  void badBodies_are400NamingTheField() {
    assertThat(field(ask("/api/query", "{}", reader))).isEqualTo("query");
    assertThat(field(ask("/api/query", "{\"query\":\"  \"}", reader))).isEqualTo("question");
    assertThat(field(ask("/api/query", "{\"query\":42}", reader))).isEqualTo("query");
    assertThat(field(ask("/api/query", "{\"query\":{\"limit\":3}}", reader))).isEqualTo("query.intent");
    assertThat(field(ask("/api/query", "{\"query\":{\"intent\":\"drop_tables\"}}", reader))).isEqualTo("intent");
    assertThat(field(ask("/api/query", "{\"query\":{\"intent\":\"today\",\"sql\":\"x\"}}", reader)))
        .isEqualTo("query.sql");
    assertThat(field(ask("/api/query", "{\"query\":{\"intent\":\"customer_ltv\",\"customerId\":\"nobody\"}}",
        reader))).isEqualTo("customerId");
    assertThat(field(ask("/api/query", "{\"query\":{\"intent\":\"top_products\",\"limit\":\"ten\"}}", reader)))
        .isEqualTo("query.limit");
  }

  private static String field(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    return r.json().path("errors").path(0).path("field").asText();
  }

  @Test
  void withoutAKey_is401_andAReadKeySuffices() {
    assertThat(ask("/api/query", "{\"query\":\"how many orders this week\"}", none).status()).isEqualTo(401);
    Response r = ask("/api/query", "{\"query\":\"how many orders this week\"}", reader);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("query").path("intent").asText()).isEqualTo("order_count");
  }
}

package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.keys.CreatedApiKey;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API-key security over real HTTP, on H2 and PostgreSQL: the matrix of missing, invalid, revoked and valid keys of
 * each scope against read, write and admin endpoints; the rate limit; the bootstrap admin key.
 */
class ApiKeySecurityTest extends OnBothDatabases {
  private static final String BOOTSTRAP = "Boot-strap-admin-key-for-tests-0123456789abcdef";

  private TestDatabase database;

  @BeforeEach
  void seed() {
    database = newDatabase.get();
    try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(database.jdbcUrl()).build()) {
      ci.ingestion().ingest(IngestBatch.ofOrders(List.of(Order.purchase("o-1", "c-1",
          Instant.parse("2026-01-05T10:00:00Z"), Money.currency("USD"),
          List.of(new OrderLine("p-1", 1, new BigDecimal("10.00")))))));
    }
  }

  @AfterEach
  void drop() {
    database.close();
  }

  private TestServer start(String... more) {
    String[] props = new String[more.length + 1];
    props[0] = "spring.datasource.url=" + database.jdbcUrl();
    System.arraycopy(more, 0, props, 1, more.length);
    return TestServer.start(props);
  }

  private static Response read(TestServer s, Map<String, String> h) {
    return s.call("GET", "/api/customers/c-1", null, h);
  }

  private static Response write(TestServer s, Map<String, String> h) {
    return s.call("POST", "/api/orders", """
        {"orders":[{"id":"o-2","customerId":"c-1","placedAt":"2026-01-06T10:00:00Z","currency":"USD",
                    "lines":[{"productId":"p-1","quantity":1,"amount":"5.00"}]}]}""", h);
  }

  private static Response admin(TestServer s, Map<String, String> h) {
    return s.call("GET", "/admin/keys", null, h);
  }

  private static Map<String, String> key(String key) {
    return Map.of("X-API-Key", key);
  }

  @Test
  void authenticationMatrix() {
    try (TestServer server = start("custintel.security.bootstrap-admin-key=" + BOOTSTRAP)) {
      CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
      CreatedApiKey readKey = ci.store().apiKeys().create("reader", EnumSet.of(ApiKeyScope.READ));
      CreatedApiKey writeKey = ci.store().apiKeys().create("writer", EnumSet.of(ApiKeyScope.WRITE));
      CreatedApiKey revoked = ci.store().apiKeys().create("gone", EnumSet.of(ApiKeyScope.ADMIN));
      ci.store().apiKeys().revoke(revoked.apiKey().id());

      // rows: key; columns: read, write, admin
      Object[][] matrix = {
        {Map.of(), 401, 401, 401},
        {key("not-a-key"), 403, 403, 403},
        {key(readKey.key() + "x"), 403, 403, 403},
        {key(revoked.key()), 403, 403, 403},
        {key(readKey.key()), 200, 403, 403},
        {key(writeKey.key()), 200, 200, 403},
        {key(BOOTSTRAP), 200, 200, 200},
      };
      for (Object[] row : matrix) {
        @SuppressWarnings("unchecked")
        Map<String, String> h = (Map<String, String>) row[0];
        Response r = read(server, h);
        Response w = write(server, h);
        Response a = admin(server, h);
        String label = h.isEmpty() ? "no key" : h.get("X-API-Key").substring(0, 6) + "…";
        assertThat(r.status()).as("read with " + label + ": " + r).isEqualTo(row[1]);
        assertThat(w.status()).as("write with " + label + ": " + w).isEqualTo(row[2]);
        assertThat(a.status()).as("admin with " + label + ": " + a).isEqualTo(row[3]);
        for (Response x : List.of(r, w, a)) {
          if (x.status() >= 400) {
            assertThat(x.contentType()).startsWith("application/problem+json");
            assertThat(x.json().path("type").asText()).startsWith("urn:custintel:problem:");
            assertThat(x.body()).doesNotContain(readKey.key()).doesNotContain(BOOTSTRAP);
          }
        }
      }
      assertThat(read(server, Map.of()).json().path("type").asText())
          .isEqualTo("urn:custintel:problem:missing-api-key");
      assertThat(admin(server, key(readKey.key())).json().path("type").asText())
          .isEqualTo("urn:custintel:problem:insufficient-scope");
      assertThat(read(server, key("nope")).json().path("type").asText())
          .isEqualTo("urn:custintel:problem:invalid-api-key");
      // Open endpoints need no key.
      assertThat(server.call("GET", "/actuator/health", null, Map.of()).status()).isIn(200, 503);
      assertThat(server.call("GET", "/actuator/prometheus", null, Map.of()).status()).isEqualTo(200);
      assertThat(server.call("GET", "/v3/api-docs", null, Map.of()).status()).isEqualTo(200);
    }
  }

  @Test
  void adminKeysEndpointsCreateListAndRevoke() {
    try (TestServer server = start("custintel.security.bootstrap-admin-key=" + BOOTSTRAP)) {
      Response created = server.call("POST", "/admin/keys", "{\"name\":\"dashboard\",\"scopes\":[\"read\"]}",
          key(BOOTSTRAP));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      String newKey = created.json().path("key").asText();
      String id = created.json().path("apiKey").path("id").asText();
      assertThat(read(server, key(newKey)).status()).isEqualTo(200);
      Response list = admin(server, key(BOOTSTRAP));
      assertThat(list.body()).contains("dashboard").doesNotContain(newKey).doesNotContain(BOOTSTRAP);
      Response bad = server.call("POST", "/admin/keys", "{\"name\":\"x\",\"scopes\":[\"root\"]}", key(BOOTSTRAP));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("scopes");
      assertThat(server.call("DELETE", "/admin/keys/" + id, null, key(BOOTSTRAP)).status()).isEqualTo(204);
      assertThat(read(server, key(newKey)).status()).isEqualTo(403);
      Response unknown = server.call("DELETE", "/admin/keys/00000000-0000-0000-0000-000000000000", null,
          key(BOOTSTRAP));
      assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
      Response malformed = server.call("DELETE", "/admin/keys/no-such-id", null, key(BOOTSTRAP));
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.json().path("errors").get(0).path("field").asText()).isEqualTo("id");
    }
  }

  @Test
  void scoresBeforeAnyModelRunAre409ModelNotReady() {
    try (TestServer server = start("custintel.security.bootstrap-admin-key=" + BOOTSTRAP)) {
      for (String path : List.of("/api/customers/c-1/churn-risk", "/api/customers/c-1/ltv", "/api/churn/summary",
          "/api/churn/at-risk", "/api/affinity/rules")) {
        Response r = server.call("GET", path, null, key(BOOTSTRAP));
        assertThat(r.status()).as(path + ": " + r).isEqualTo(409);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:custintel:problem:model-not-ready");
      }
      // The profile needs no model run.
      assertThat(read(server, key(BOOTSTRAP)).status()).isEqualTo(200);
      Response health = server.call("GET", "/actuator/health/custintel-models", null, Map.of());
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.body()).contains("OUT_OF_SERVICE").contains("no active model run");
    }
  }

  @Test
  void rateLimitAnswers429WithRetryAfter() {
    try (TestServer server = start("custintel.security.bootstrap-admin-key=" + BOOTSTRAP,
        "custintel.security.rate-limit.requests-per-minute=3")) {
      for (int i = 0; i < 3; i++) {
        assertThat(read(server, key(BOOTSTRAP)).status()).isEqualTo(200);
      }
      Response limited = read(server, key(BOOTSTRAP));
      assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
      assertThat(limited.json().path("type").asText()).isEqualTo("urn:custintel:problem:rate-limited");
      assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 20L);
    }
  }

  @Test
  void generatedAdminKeyIsPrintedOnceAndWorks() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String key;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServer server = start()) {
      System.setOut(original);
      Matcher m = Pattern.compile("Custintel admin API key \\(shown only now\\): (\\S+)")
          .matcher(captured.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as(captured.toString(StandardCharsets.UTF_8)).isTrue();
      key = m.group(1);
      assertThat(admin(server, key(key)).status()).isEqualTo(200);
    } finally {
      System.setOut(original);
    }
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    System.setOut(new PrintStream(second, true, StandardCharsets.UTF_8));
    try (TestServer server = start()) {
      System.setOut(original);
      assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain("Custintel admin API key");
      assertThat(admin(server, key(key)).status()).isEqualTo(200);
    } finally {
      System.setOut(original);
    }
  }
}

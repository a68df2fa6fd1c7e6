package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.ingest.IngestBatch;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TcpProxy;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server over a PostgreSQL database that goes away (a proxy cut between them) and comes back: requests that
 * need the database get 503 problems without SQL or connection details, health says DOWN, and the server serves
 * again once the database is back, without a restart.
 */
class DatabaseOutageTest {

  @Test
  void databaseGoesAwayAndComesBack() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
        ci.ingestion().ingest(IngestBatch.ofOrders(List.of(Order.purchase("o-1", "c-1",
            Instant.parse("2026-01-05T10:00:00Z"), Money.currency("USD"),
            List.of(new OrderLine("p-1", 1, new BigDecimal("10.00")))))));
      }
      URI direct = URI.create(db.jdbcUrl().substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
        String proxied = db.jdbcUrl().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
        try (TestServer server = TestServer.start("spring.datasource.url=" + proxied,
            "custintel.security.enabled=false", "custintel.store.connection-timeout=1s",
            "custintel.store.profile-cache-size=0")) {
          assertThat(server.call("GET", "/api/customers/c-1", null, Map.of()).status()).isEqualTo(200);

          proxy.cut();
          Response down = server.call("GET", "/api/customers/c-1", null, Map.of());
          assertThat(down.status()).as(down.toString()).isEqualTo(503);
          assertThat(down.contentType()).startsWith("application/problem+json");
          assertThat(down.json().path("type").asText()).isEqualTo("urn:custintel:problem:database-unavailable");
          assertThat(down.header("Retry-After")).isNotNull();
          assertThat(down.body()).doesNotContainIgnoringCase("select").doesNotContain("jdbc:")
              .doesNotContain(String.valueOf(proxy.port())).doesNotContain("Exception");
          Response health = server.call("GET", "/actuator/health", null, Map.of());
          assertThat(health.status()).isEqualTo(503);
          assertThat(health.body()).doesNotContain("jdbc:");

          proxy.restore();
          Response back = null;
          for (int i = 0; i < 40; i++) {
            back = server.call("GET", "/api/customers/c-1", null, Map.of());
            if (back.status() == 200) {
              break;
            }
            Thread.sleep(250);
          }
          assertThat(back.status()).as(back.toString()).isEqualTo(200);
        }
      }
    }
  }

  /** With keys: a key cannot be verified while the database is away, which is a 503 too, not a bare 500. */
  @Test
  void databaseGoesAway_aKeyedRequestIsA503Problem() throws Exception {
    String key = "outage-test-admin-key-0123456789abcdef";
    try (TestDatabase db = TestDatabase.postgres()) {
      try (CustomerIntelligence ci = CustomerIntelligence.builder().jdbcUrl(db.jdbcUrl()).build()) {
        ci.ingestion().ingest(IngestBatch.ofOrders(List.of(Order.purchase("o-1", "c-1",
            Instant.parse("2026-01-05T10:00:00Z"), Money.currency("USD"),
            List.of(new OrderLine("p-1", 1, new BigDecimal("10.00")))))));
      }
      URI direct = URI.create(db.jdbcUrl().substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
        String proxied = db.jdbcUrl().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
        try (TestServer server = TestServer.start("spring.datasource.url=" + proxied,
            "custintel.security.bootstrap-admin-key=" + key, "custintel.store.connection-timeout=1s",
            "custintel.store.profile-cache-size=0")) {
          Map<String, String> headers = Map.of("X-API-Key", key);
          // The key's first use comes after the cut, so that it is not in the verified keys' cache (10 s).
          proxy.cut();
          Response down = server.call("GET", "/api/customers/c-1", null, headers);
          assertThat(down.status()).as(down.toString()).isEqualTo(503);
          assertThat(down.contentType()).startsWith("application/problem+json");
          assertThat(down.json().path("type").asText()).isEqualTo("urn:custintel:problem:database-unavailable");
          assertThat(down.header("Retry-After")).isNotNull();
          assertThat(down.body()).doesNotContain(key).doesNotContain("jdbc:").doesNotContain("Exception");

          proxy.restore();
          Response back = null;
          for (int i = 0; i < 40; i++) {
            back = server.call("GET", "/api/customers/c-1", null, headers);
            if (back.status() == 200) {
              break;
            }
            Thread.sleep(250);
          }
          assertThat(back.status()).as(back.toString()).isEqualTo(200);
        }
      }
    }
  }
}

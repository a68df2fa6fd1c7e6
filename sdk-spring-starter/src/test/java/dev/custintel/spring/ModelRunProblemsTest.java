package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model run that the data cannot make is the client's problem, not the server's: 422 with its own problem type
 * and the counts, no stack trace, and nothing that an alert on 5xx would page for. (Before, 500 and an ERROR log.)
 */
class ModelRunProblemsTest {

  @Test
  void notEnoughDataIs422WithTheCounts() {
    try (TestDatabase db = TestDatabase.h2();
        TestServer server = TestServer.start("spring.datasource.url=" + db.jdbcUrl(),
            "custintel.security.enabled=false")) {
      Response empty = server.call("POST", "/api/models/refresh", null, Map.of());
      assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
      assertThat(empty.contentType()).startsWith("application/problem+json");
      assertThat(empty.json().path("type").asText()).isEqualTo("urn:custintel:problem:insufficient-data");

      // One purchase each: nobody bought twice.
      String batch = "{\"orders\":[{\"id\":\"o-1\",\"customerId\":\"c-1\",\"placedAt\":\"2026-01-05T10:00:00Z\","
          + "\"currency\":\"USD\",\"lines\":[{\"productId\":\"p-1\",\"quantity\":1,\"amount\":10.00}]},"
          + "{\"id\":\"o-2\",\"customerId\":\"c-2\",\"placedAt\":\"2026-01-06T10:00:00Z\","
          + "\"currency\":\"USD\",\"lines\":[{\"productId\":\"p-1\",\"quantity\":1,\"amount\":12.00}]}]}";
      assertThat(server.call("POST", "/api/orders", batch, Map.of()).status()).isEqualTo(200);
      Response refused = server.call("POST", "/api/models/refresh", null, Map.of());
      assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
      assertThat(refused.json().path("type").asText()).isEqualTo("urn:custintel:problem:insufficient-data");
      assertThat(refused.json().path("detail").asText()).contains("2");
      assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at dev.custintel");
    }
  }
}

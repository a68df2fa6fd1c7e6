package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.TcpProxy;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The dashboard socket over a PostgreSQL database that goes away (a proxy cut between them) and comes back: the
 * session stays open, gets the error message without SQL, connection details or exception names while the database
 * is away, and the figures again once it is back.
 */
class DashboardOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void databaseGoesAwayAndComesBack_sessionStays() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      URI direct = URI.create(db.jdbcUrl().substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
        String proxied = db.jdbcUrl().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
        try (TestServer server = TestServer.start("spring.datasource.url=" + proxied,
            "custintel.security.enabled=false", "custintel.store.connection-timeout=1s",
            "custintel.dashboard.interval=200ms", "spring.lifecycle.timeout-per-shutdown-phase=3s");
            WsClient client = WsClient.open(server.base().replace("http://", "ws://") + "/ws/dashboard", Map.of())) {
          JsonNode first = next(client, m -> true);
          assertThat(first.has("activeCustomers30d")).as(first.toString()).isTrue();

          proxy.cut();
          JsonNode error = next(client, m -> m.has("error"));
          String text = error.toString();
          assertThat(error.path("at").asText()).isNotEmpty();
          assertThat(text).doesNotContainIgnoringCase("select").doesNotContain("jdbc:")
              .doesNotContain(String.valueOf(proxy.port())).doesNotContain("Exception");
          assertThat(client.closeCode(Duration.ofMillis(10))).as("the session stays open").isNull();

          proxy.restore();
          JsonNode back = next(client, m -> m.has("activeCustomers30d"));
          assertThat(back.path("ordersToday").asLong()).isZero();
        }
      }
    }
  }

  /** The next message that matches, within 30 s. */
  private static JsonNode next(WsClient client, Predicate<JsonNode> wanted) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      String text = client.next(Duration.ofSeconds(1));
      if (text != null) {
        JsonNode m = JSON.readTree(text);
        if (wanted.test(m)) {
          return m;
        }
      }
    }
    throw new AssertionError("no such message in 30 s");
  }
}

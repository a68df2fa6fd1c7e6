package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.spring.testing.SseClient;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key is checked when a request starts, but the dashboard socket and the event stream stay open for hours: a key
 * revoked meanwhile (by the admin API, here, as an operator would) must lose them at the next check. Over real HTTP,
 * with the checks every 200 ms: the revoked key's socket is closed with 1008 and its stream ends; another key's
 * connections stay open; the revoked key cannot open new ones. Before the watch, both stayed open (the socket kept
 * receiving the shop's figures).
 */
class KeyRevocationStreamsTest {
  private static final String ADMIN = "Boot-strap-admin-key-for-revocation-tests-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestDatabase database;
  private TestServer server;
  private CustomerIntelligence ci;

  @BeforeEach
  void start() {
    database = TestDatabase.h2();
    server = TestServer.start("spring.datasource.url=" + database.jdbcUrl(),
        "custintel.security.bootstrap-admin-key=" + ADMIN, "custintel.dashboard.interval=200ms",
        "custintel.security.revocation-check-interval=200ms", "custintel.events.heartbeat=1s",
        "spring.lifecycle.timeout-per-shutdown-phase=3s");
    ci = server.context().getBean(CustomerIntelligence.class);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void revokedKeysLoseTheirSocketsAndStreams_othersKeepTheirs() throws Exception {
    var doomed = ci.store().apiKeys().create("doomed-reader", EnumSet.of(ApiKeyScope.READ));
    String kept = ci.store().apiKeys().create("kept-reader", EnumSet.of(ApiKeyScope.READ)).key();
    String ws = server.base().replace("http://", "ws://") + "/ws/dashboard";
    String sse = server.base() + "/api/events/stream";

    try (WsClient doomedSocket = WsClient.open(ws, Map.of("X-API-Key", doomed.key()));
        WsClient keptSocket = WsClient.open(ws, Map.of("X-API-Key", kept));
        SseClient doomedStream = SseClient.open(sse, Map.of("X-API-Key", doomed.key()));
        SseClient keptStream = SseClient.open(sse, Map.of("X-API-Key", kept))) {
      assertThat(doomedSocket.next(WAIT)).as("the dashboard's first message").isNotNull();
      assertThat(doomedStream.status()).isEqualTo(200);

      TestServer.Response revoked = server.call("DELETE", "/admin/keys/" + doomed.apiKey().id(), "",
          Map.of("X-API-Key", ADMIN));
      assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);

      assertThat(doomedSocket.closeCode(WAIT)).as("the revoked key's socket").isEqualTo(1008);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!doomedStream.ended() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(doomedStream.ended()).as("the revoked key's stream ended").isTrue();

      // The other key's connections stay: the socket keeps sending, the stream keeps its heartbeats.
      keptSocket.drain();
      assertThat(keptSocket.next(WAIT)).as("a message after the revocation").isNotNull();
      int beats = keptStream.comments();
      deadline = System.nanoTime() + WAIT.toNanos();
      while (keptStream.comments() == beats && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(keptStream.comments()).as("heartbeats after the revocation").isGreaterThan(beats);
      assertThat(keptStream.ended()).isFalse();

      MeterRegistry meters = ci.store().meterRegistry();
      assertThat(meters.get("custintel.security.revoked.closed").counter().count()).isEqualTo(2.0);
    }

    // And the revoked key opens nothing new.
    try (SseClient again = SseClient.open(sse, Map.of("X-API-Key", doomed.key()))) {
      assertThat(again.status()).isEqualTo(403);
    }
  }
}

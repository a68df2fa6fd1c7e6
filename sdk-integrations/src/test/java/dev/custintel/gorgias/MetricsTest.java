package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.FakeTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeTime time = new FakeTime();

  private long requests(String operation, String status, String outcome) {
    return registry.get("custintel.gorgias.requests")
        .tags("operation", operation, "status", status, "outcome", outcome).timer().count();
  }

  @Test
  void requests_timedPerAttemptWithOperationStatusAndOutcome() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/8")).willReturn(aResponse().withStatus(404)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/9")).inScenario("s").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/9")).inScenario("s").whenScenarioStateIs("reset")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("limited"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/9")).inScenario("s").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-after", "1")).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/9")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(okJson(Json.ticket(9))));

    try (GorgiasClient client = TestClients.builder(wm, time).meterRegistry(registry).build()) {
      client.getTicket(7);
      client.getTicket(7);
      assertThatThrownBy(() -> client.getTicket(8)).isInstanceOf(GorgiasNotFoundException.class);
      client.getTicket(9);
    }

    assertThat(requests("tickets.get", "200", "success")).isEqualTo(3);
    assertThat(requests("tickets.get", "404", "client_error")).isEqualTo(1);
    assertThat(requests("tickets.get", "503", "server_error")).isEqualTo(1);
    assertThat(requests("tickets.get", "IO_ERROR", "io_error")).isEqualTo(1);
    assertThat(requests("tickets.get", "429", "rate_limited")).isEqualTo(1);
    assertThat(registry.get("custintel.gorgias.requests").tag("method", "GET").timers()).hasSize(5);
    assertThat(registry.get("custintel.gorgias.retries").tags("operation", "tickets.get", "reason", "503")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("custintel.gorgias.retries").tags("operation", "tickets.get", "reason", "IO_ERROR")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("custintel.gorgias.retries").tags("operation", "tickets.get", "reason", "429")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void throttle_waitsOfTheClientSideLimiterAreTimed() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7))));

    try (GorgiasClient client = TestClients.builder(wm, time).meterRegistry(registry)
        .rateLimit(2, Duration.ofSeconds(1)).build()) {
      for (int i = 0; i < 3; i++) {
        client.getTicket(7);
      }
    }

    assertThat(registry.get("custintel.gorgias.throttle").tag("operation", "tickets.get").timer()
        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(500.0);
  }
}

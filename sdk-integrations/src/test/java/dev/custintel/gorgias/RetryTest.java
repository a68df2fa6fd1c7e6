package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.custintel.gorgias.testing.FakeTime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
  }

  private static CreateTicketRequest request() {
    return CreateTicketRequest.builder()
        .externalId("slack:C1:1712345678.000200").customerEmail("ada@example.com").bodyText("Parcel damaged").build();
  }

  /** Method and path of each request the server saw, in the order it saw them (it lists the newest first). */
  private static List<String> requestLog() {
    List<String> log = new ArrayList<>(wm.getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .map(r -> r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", ""))
        .toList());
    Collections.reverse(log);
    return log;
  }

  @Test
  void getTicket_429ThenSuccess_waitsTheRetryAfterThenSucceeds() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("limited").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-after", "7")
            .withHeader("X-Gorgias-Account-Api-Call-Limit", "40/40"))
        .willSetStateTo("free"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("limited").whenScenarioStateIs("free")
        .willReturn(okJson(Json.ticket(7))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      Ticket ticket = client.getTicket(7);

      assertThat(ticket.id()).isEqualTo(7);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
      wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
    }
  }

  @Test
  void createTicket_429_resentAfterRetryAfterBecauseGorgiasDidNotProcessIt() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).inScenario("limited").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-after", "2")).willSetStateTo("free"));
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).inScenario("limited").whenScenarioStateIs("free")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(Json.ticket(31))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.createTicket(request()).id()).isEqualTo(31);
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(requestLog()).containsExactly("POST /api/tickets", "POST /api/tickets");
  }

  @Test
  void getTicket_429Always_throwsRateLimitedWithRetryAfterAfterTheRetries() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-after", "3").withHeader("X-Gorgias-Account-Api-Call-Limit", "41/40")));

    try (GorgiasClient client = TestClients.builder(wm, time).maxRetries(2).build()) {
      assertThatThrownBy(() -> client.getTicket(7))
          .isInstanceOfSatisfying(GorgiasRateLimitException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryable()).isTrue();
            assertThat(e.callLimit()).isNotNull();
            assertThat(e.callLimit().used()).isEqualTo(41);
            assertThat(e.getMessage()).contains("Try again in 3 s");
          });
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void getTicket_retryAfterLongerThanTheClientWaits_throwsAtOnce() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-after", "600")));

    try (GorgiasClient client = TestClients.builder(wm, time).maxRetryAfter(Duration.ofSeconds(30)).build()) {
      assertThatThrownBy(() -> client.getTicket(7))
          .isInstanceOfSatisfying(GorgiasRateLimitException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(e.attempts()).isEqualTo(1);
          });
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void getTicket_5xxThenSuccess_retriedWithGrowingJitteredBackoff() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("502"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("flaky").whenScenarioStateIs("502")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(okJson(Json.ticket(7))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.getTicket(7).id()).isEqualTo(7);
    }

    wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
    List<Duration> sleeps = time.sleeps();
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void closeTicket_5xxEveryTime_throwsServerErrorAfterAllAttempts() {
    wm.stubFor(put(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(500)
        .withBody("{\"error\":{\"msg\":\"Internal error\"}}")));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThatThrownBy(() -> client.closeTicket(7))
          .isInstanceOfSatisfying(GorgiasServerException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.apiMessage()).isEqualTo("Internal error");
            assertThat(e.operation()).isEqualTo("tickets.close");
          });
    }
    wm.verify(4, putRequestedFor(urlPathEqualTo("/api/tickets/7")));
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void createTicket_5xxAndTheTicketExists_returnsItWithoutSendingTheCreateAgain() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(502)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets"))
        .withQueryParam("external_id", equalTo("slack:C1:1712345678.000200"))
        .willReturn(okJson(Json.page(null, Json.ticket(99)))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.createTicket(request()).id()).isEqualTo(99);
    }

    assertThat(requestLog()).containsExactly("POST /api/tickets", "GET /api/tickets");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
  }

  @Test
  void createTicket_5xxAndNoTicketExists_sendsTheCreateAgain() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).inScenario("create").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).inScenario("create").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody(Json.ticket(100))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets"))
        .withQueryParam("external_id", equalTo("slack:C1:1712345678.000200"))
        .willReturn(okJson(Json.page(null))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.createTicket(request()).id()).isEqualTo(100);
    }

    assertThat(requestLog()).containsExactly("POST /api/tickets", "GET /api/tickets", "POST /api/tickets");
  }

  @Test
  void createTicket_connectionDroppedAndTheTicketExists_returnsItWithoutSendingTheCreateAgain() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets"))
        .withQueryParam("external_id", equalTo("slack:C1:1712345678.000200"))
        .willReturn(okJson(Json.page(null, Json.ticket(99)))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.createTicket(request()).id()).isEqualTo(99);
    }

    wm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
  }

  @Test
  void createTicket_5xxOnEveryAttempt_checksBeforeEachResendThenSaysTheTicketMayExist() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(503)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).willReturn(okJson(Json.page(null))));

    try (GorgiasClient client = TestClients.builder(wm, time).maxRetries(2).build()) {
      assertThatThrownBy(() -> client.createTicket(request()))
          .isInstanceOfSatisfying(GorgiasServerException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).contains("may exist anyway")
                .contains("slack:C1:1712345678.000200");
          });
    }

    assertThat(requestLog()).containsExactly(
        "POST /api/tickets", "GET /api/tickets", "POST /api/tickets", "GET /api/tickets", "POST /api/tickets");
  }

  @Test
  void getTicket_connectionRefused_throwsConnectionErrorAfterTheRetries() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    try (GorgiasClient client = GorgiasClient.builder()
        .baseUrl("http://127.0.0.1:" + closedPort)
        .basicAuth(TestClients.EMAIL, TestClients.API_KEY)
        .clock(time).sleeper(time)
        .build()) {
      assertThatThrownBy(() -> client.getTicket(7))
          .isInstanceOfSatisfying(GorgiasConnectionException.class, e -> {
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.status()).isZero();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("No response from Gorgias for tickets.get (GET /api/tickets/7)");
          })
          .hasRootCauseInstanceOf(ConnectException.class);
    }
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void getTicket_noRetriesConfigured_failsOnTheFirst5xx() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(503)));

    try (GorgiasClient client = TestClients.builder(wm, time).maxRetries(0).build()) {
      assertThatThrownBy(() -> client.getTicket(7)).isInstanceOf(GorgiasServerException.class);
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void getTicket_sleeperInterrupted_stopsAndKeepsTheInterruptFlag() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(503)));

    try (GorgiasClient client = TestClients.builder(wm, time)
        .sleeper(d -> {
          throw new InterruptedException("stop");
        })
        .build()) {
      assertThatThrownBy(() -> client.getTicket(7))
          .isInstanceOf(GorgiasException.class)
          .hasMessageContaining("Interrupted");
      assertThat(Thread.interrupted()).isTrue();
    }
  }
}

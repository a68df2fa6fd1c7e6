package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.CapturedLogs;
import dev.custintel.gorgias.testing.FakeTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthAndSecretsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN = "oauth-at-SECRET-4b1d9c";

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
    CapturedLogs.clear();
  }

  @Test
  void basicAuth_sendsBase64OfEmailColonApiKey() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7))));

    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      client.getTicket(7);
    }

    // base64("agent@shop.test:gk_live_7Hq2SECRETk9Zx"), worked out outside the code under test
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets/7"))
        .withHeader("Authorization", equalTo("Basic YWdlbnRAc2hvcC50ZXN0OmdrX2xpdmVfN0hxMlNFQ1JFVGs5Wng="))
        .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void bearerToken_supplierAskedBeforeEveryRequest_retriesIncluded() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("s").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(okJson(Json.ticket(7))));
    AtomicInteger calls = new AtomicInteger();
    Supplier<String> tokens = () -> "token-" + calls.incrementAndGet();

    try (GorgiasClient client = GorgiasClient.builder().baseUrl(wm.baseUrl()).bearerToken(tokens)
        .clock(time).sleeper(time).build()) {
      client.getTicket(7);
      client.getTicket(7);
    }

    assertThat(calls).hasValue(3);
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets/7")).withHeader("Authorization", equalTo("Bearer token-1")));
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets/7")).withHeader("Authorization", equalTo("Bearer token-2")));
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets/7")).withHeader("Authorization", equalTo("Bearer token-3")));
  }

  @Test
  void bearerToken_supplierGivesNothingOrFails_authErrorAndNothingSent() {
    List<Supplier<String>> broken = List.of(() -> null, () -> " ", () -> {
      throw new IllegalStateException("refresh failed");
    });
    for (Supplier<String> tokens : broken) {
      try (GorgiasClient client = GorgiasClient.builder().baseUrl(wm.baseUrl()).bearerToken(tokens)
          .clock(time).sleeper(time).build()) {
        assertThatThrownBy(() -> client.getTicket(7))
            .isInstanceOfSatisfying(GorgiasAuthException.class, e -> {
              assertThat(e.status()).isZero();
              assertThat(e.attempts()).isZero();
              assertThat(e.getMessage()).startsWith("Not sent: the bearer token supplier");
            });
      }
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void toString_ofClientBuilderAndSettings_showsNoCredentials() {
    GorgiasClient.Builder builder = TestClients.builder(wm, time);
    try (GorgiasClient client = builder.build();
        GorgiasClient oauth = GorgiasClient.builder().subdomain("acme").bearerToken(() -> TOKEN).build()) {
      assertThat(List.of(builder.toString(), client.toString(), oauth.toString()))
          .allSatisfy(AuthAndSecretsTest::assertNoSecret);
      assertThat(client.toString()).contains(wm.baseUrl()).contains("basic (redacted)").contains("40 per PT20S");
      assertThat(oauth.toString()).contains("https://acme.gorgias.com/").contains("bearer (redacted)")
          .contains("80 per PT20S");
    }
  }

  @Test
  void noSecret_inAnyLogLineExceptionMessageOrToString_acrossFailuresAndRetries() throws IOException {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/1")).willReturn(aResponse().withStatus(401)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/2")).willReturn(aResponse().withStatus(500)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/3")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-after", "1")));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/4")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"msg\":\"Failed to create ticket\",\"data\":{\"sender\":[\"Missing.\"]}}}")));
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", absent())
        .willReturn(okJson(Json.page(null, Json.ticket(9)))));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<Throwable> failures = new ArrayList<>();
    List<String> texts = new ArrayList<>();

    for (boolean oauth : new boolean[] {false, true}) {
      GorgiasClient.Builder builder = oauth
          ? GorgiasClient.builder().baseUrl(wm.baseUrl()).bearerToken(() -> TOKEN).clock(time).sleeper(time)
          : TestClients.builder(wm, time);
      texts.add(builder.toString());
      try (GorgiasClient client = builder.maxRetries(1).build()) {
        texts.add(client.toString());
        client.streamTickets(TicketQuery.all()).forEach(t -> texts.add(t.toString()));
        for (long id = 1; id <= 4; id++) {
          long ticketId = id;
          failures.add(catchFailure(() -> client.getTicket(ticketId)));
        }
        CreateTicketRequest request = CreateTicketRequest.builder().externalId("e-1")
            .customerEmail("ada@example.com").bodyText("Hello").build();
        texts.add(request.toString());
        failures.add(catchFailure(() -> client.createTicket(request)));
      }
      try (GorgiasClient refused = (oauth
              ? GorgiasClient.builder().bearerToken(() -> TOKEN)
              : GorgiasClient.builder().basicAuth(TestClients.EMAIL, TestClients.API_KEY))
          .baseUrl("http://127.0.0.1:" + closedPort).clock(time).sleeper(time).maxRetries(1).build()) {
        failures.add(catchFailure(() -> refused.getTicket(1)));
      }
    }

    assertThat(failures).hasSize(12).allSatisfy(f -> assertThat(f).isInstanceOf(GorgiasException.class));
    for (Throwable f : failures) {
      for (Throwable t = f; t != null; t = t.getCause()) {
        texts.add(t.toString());
        texts.add(String.valueOf(t.getMessage()));
        if (t instanceof GorgiasException g) {
          texts.add(String.valueOf(g.responseBody()));
        }
      }
    }
    List<String> logs = CapturedLogs.lines();
    assertThat(logs).anySatisfy(l -> assertThat(l).contains("retrying"))
        .anySatisfy(l -> assertThat(l).startsWith("DEBUG"));
    texts.addAll(logs);
    assertThat(texts).allSatisfy(AuthAndSecretsTest::assertNoSecret);
  }

  private static Throwable catchFailure(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  private static void assertNoSecret(String text) {
    assertThat(text)
        .doesNotContain(TestClients.API_KEY)
        .doesNotContain(TestClients.BASIC_CREDENTIALS)
        .doesNotContain(TOKEN)
        .doesNotContain("Authorization");
  }
}

package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
    wm.stubFor(get(urlPathEqualTo("/api/tickets/1")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Gorgias-Account-Api-Call-Limit", "12/40")
        .withHeader("Retry-after", "0")
        .withBody(Json.ticket(1))));
  }

  @Test
  void apiKey_41stRequestWithin20Seconds_waitsForTheBucketToDrainOneRequest() {
    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      for (int i = 0; i < 40; i++) {
        client.getTicket(1);
      }
      assertThat(time.sleeps()).isEmpty();

      client.getTicket(1);

      // 40 per 20 s drains one request every 500 ms.
      assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
      assertThat(time.instant()).isEqualTo(FakeTime.START.plusMillis(500));
    }
  }

  @Test
  void apiKey_requestsSpreadOverTheWindow_neverWait() {
    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      for (int i = 0; i < 60; i++) {
        client.getTicket(1);
        time.advance(Duration.ofMillis(500));
      }
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void apiKey_fullBucket_isEmptyAgainAfterTheWindow() {
    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      for (int i = 0; i < 40; i++) {
        client.getTicket(1);
      }
      time.advance(Duration.ofSeconds(20));
      for (int i = 0; i < 40; i++) {
        client.getTicket(1);
      }
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void oauth_defaultsTo80Per20Seconds() {
    try (GorgiasClient client = GorgiasClient.builder().baseUrl(wm.baseUrl()).bearerToken(() -> "token-1")
        .clock(time).sleeper(time).build()) {
      for (int i = 0; i < 80; i++) {
        client.getTicket(1);
      }
      assertThat(time.sleeps()).isEmpty();

      client.getTicket(1);
      client.getTicket(1);

      assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }
  }

  @Test
  void configuredRate_enterpriseWindow_isUsed() {
    try (GorgiasClient client = TestClients.builder(wm, time).rateLimit(40, Duration.ofSeconds(10)).build()) {
      for (int i = 0; i < 41; i++) {
        client.getTicket(1);
      }
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void callLimitHeader_isExposedWithWhenItWasSeen() {
    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      assertThat(client.callLimit()).isEmpty();
      time.advance(Duration.ofSeconds(3));

      client.getTicket(1);

      assertThat(client.callLimit()).contains(new CallLimit(12, 40, FakeTime.START.plusSeconds(3)));
      assertThat(client.callLimit().orElseThrow().remaining()).isEqualTo(28);
    }
  }

  @Test
  void callLimitHeader_unreadable_isIgnored() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/2")).willReturn(aResponse().withStatus(200)
        .withHeader("X-Gorgias-Account-Api-Call-Limit", "lots").withBody(Json.ticket(2))));
    try (GorgiasClient client = TestClients.builder(wm, time).build()) {
      client.getTicket(2);
      assertThat(client.callLimit()).isEmpty();
    }
  }
}

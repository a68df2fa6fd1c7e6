package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackWebClientTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String TOKEN = "xoxb-42-SECRET-token";
  private static final String TS = "1772441900.000100";

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
  }

  private SlackWebClient.Builder builder() {
    return SlackWebClient.builder().baseUrl(wm.baseUrl() + "/api").botToken(TOKEN).clock(time).sleeper(time);
  }

  private static String history(String ts, String text) {
    return "{\"ok\":true,\"has_more\":false,\"messages\":[{\"type\":\"message\",\"user\":\"U1\",\"text\":\"" + text
        + "\",\"ts\":\"" + ts + "\"}]}";
  }

  @Test
  void postMessage_sendsJsonInTheThreadWithTheBearerToken() {
    SlackApi.postMessageOk(wm);

    try (SlackWebClient slack = builder().build()) {
      SlackMessage posted = slack.postMessage("C0SUPPORT", TS, "Ticket #5 created");

      assertThat(posted).isEqualTo(new SlackMessage("C0SUPPORT", SlackApi.REPLY_TS, TS, "UBOT0001", "B0BOT0001",
          "Ticket #5 created"));
    }
    wm.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(equalToJson("{\"channel\":\"C0SUPPORT\",\"text\":\"Ticket #5 created\",\"thread_ts\":\""
            + TS + "\"}")));
  }

  @Test
  void historyMessage_429ThenSuccess_waitsTheRetryAfterWithTheSleeper() {
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).inScenario("h").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
        .willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).inScenario("h").whenScenarioStateIs("ok")
        .willReturn(okJson(history(TS, "Hello"))));

    try (SlackWebClient slack = builder().build()) {
      assertThat(slack.historyMessage("C0SUPPORT", TS)).hasValueSatisfying(m -> {
        assertThat(m.text()).isEqualTo("Hello");
        assertThat(m.channelId()).isEqualTo("C0SUPPORT");
        assertThat(m.threadTs()).isNull();
      });
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/api/conversations.history"))
        .withQueryParam("latest", equalTo(TS)).withQueryParam("inclusive", equalTo("true"))
        .withQueryParam("limit", equalTo("1")));
  }

  @Test
  void historyMessage_retryAfterLongerThanTheMaximum_failsAtOnce() {
    SlackApi.rateLimited(wm, "conversations.history", 600);

    try (SlackWebClient slack = builder().build()) {
      assertThatThrownBy(() -> slack.historyMessage("C0SUPPORT", TS))
          .isInstanceOfSatisfying(SlackRateLimitException.class, e -> {
            assertThat(e.sent()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo(
                "Slack rate limit reached for conversations.history (429). Try again in 600 s.");
          });
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void historyMessage_clientSideLimit_secondCallWithinTheMinuteNotSent_thenAllowed() {
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(history(TS, "Hello"))));

    try (SlackWebClient slack = builder().build()) {
      slack.historyMessage("C0SUPPORT", TS);
      time.advance(Duration.ofSeconds(45));
      assertThatThrownBy(() -> slack.historyMessage("C0SUPPORT", TS))
          .isInstanceOfSatisfying(SlackRateLimitException.class, e -> {
            assertThat(e.sent()).isFalse();
            assertThat(e.attempts()).isZero();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15));
            assertThat(e.getMessage()).startsWith("Held back conversations.history");
          });
      // The other read method has a limit of its own.
      wm.stubFor(get(urlPathEqualTo("/api/conversations.replies")).willReturn(okJson(history(TS, "Hello"))));
      assertThat(slack.threadMessage("C0SUPPORT", TS)).isPresent();

      time.advance(Duration.ofSeconds(15));
      assertThat(slack.historyMessage("C0SUPPORT", TS)).isPresent();
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/api/conversations.history")));
  }

  @Test
  void conversationReadLimit_raisedForATier3App() {
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(history(TS, "Hello"))));

    try (SlackWebClient slack = builder().conversationReadLimit(50, Duration.ofMinutes(1)).build()) {
      for (int i = 0; i < 50; i++) {
        slack.historyMessage("C0SUPPORT", TS);
      }
      assertThatThrownBy(() -> slack.historyMessage("C0SUPPORT", TS)).isInstanceOf(SlackRateLimitException.class);
    }
  }

  @Test
  void historyMessage_otherTs_empty() {
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history"))
        .willReturn(okJson(history("1772441000.000001", "Older"))));

    try (SlackWebClient slack = builder().build()) {
      assertThat(slack.historyMessage("C0SUPPORT", TS)).isEmpty();
    }
  }

  @Test
  void okFalse_typedErrorWithSlacksCode() {
    SlackApi.fails(wm, "chat.getPermalink", "channel_not_found");
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(
        "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:history\",\"provided\":\"chat:write\"}")));

    try (SlackWebClient slack = builder().build()) {
      assertThatThrownBy(() -> slack.permalink("C0SUPPORT", TS))
          .isInstanceOfSatisfying(SlackApiException.class, e -> {
            assertThat(e.error()).isEqualTo("channel_not_found");
            assertThat(e.method()).isEqualTo("chat.getPermalink");
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Slack refused chat.getPermalink: channel_not_found. Invite the app"
                + " to the channel, or check the channel id.");
          });
      assertThatThrownBy(() -> slack.historyMessage("C0SUPPORT", TS))
          .isInstanceOfSatisfying(SlackApiException.class, e -> {
            assertThat(e.neededScope()).isEqualTo("channels:history");
            assertThat(e.getMessage()).contains("Add the scope 'channels:history'");
          });
    }
  }

  @Test
  void permalink_returnsTheLink() {
    SlackApi.permalinkOk(wm);

    try (SlackWebClient slack = builder().build()) {
      assertThat(slack.permalink("C0SUPPORT", TS)).isEqualTo(SlackApi.PERMALINK);
    }
    wm.verify(getRequestedFor(urlPathEqualTo("/api/chat.getPermalink")).withQueryParam("message_ts", equalTo(TS)));
  }

  @Test
  void reads_5xxAndIoErrors_retriedWithBackoff() {
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).inScenario("p").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).inScenario("p").whenScenarioStateIs("reset")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).inScenario("p").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"ok\":true,\"permalink\":\"https://x.slack.com/p1\"}")));

    try (SlackWebClient slack = builder().build()) {
      assertThat(slack.permalink("C0SUPPORT", TS)).isEqualTo("https://x.slack.com/p1");
    }
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void reads_serverKeepsFailing_slackExceptionAfterTheRetries() {
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(aResponse().withStatus(502)));

    try (SlackWebClient slack = builder().maxRetries(2).build()) {
      assertThatThrownBy(() -> slack.permalink("C0SUPPORT", TS))
          .isInstanceOfSatisfying(SlackException.class, e -> {
            assertThat(e).isNotInstanceOf(SlackApiException.class);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.retryable()).isTrue();
          });
    }
  }

  @Test
  void postMessage_5xxOrIoError_notRetried_butA429Is() {
    wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(500)));
    try (SlackWebClient slack = builder().build()) {
      assertThatThrownBy(() -> slack.postMessage("C0SUPPORT", null, "hi"))
          .isInstanceOfSatisfying(SlackException.class, e -> assertThat(e.attempts()).isEqualTo(1));
      wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
          .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
      assertThatThrownBy(() -> slack.postMessage("C0SUPPORT", null, "hi"))
          .isInstanceOfSatisfying(SlackException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).startsWith("No response from Slack for chat.postMessage after 1 attempt");
          });
    }
    wm.verify(2, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));

    wm.resetAll();
    wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("m").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
    wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("m").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1.2\"}")));
    try (SlackWebClient slack = builder().build()) {
      assertThat(slack.postMessage("C0SUPPORT", null, "hi").ts()).isEqualTo("1.2");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void unreadableOrIncompleteAnswers_slackException() {
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(aResponse().withStatus(200)
        .withBody("<html>gateway</html>")));
    wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true}")));
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(aResponse().withStatus(404)
        .withBody("{}")));

    try (SlackWebClient slack = builder().build()) {
      assertThatThrownBy(() -> slack.permalink("C0SUPPORT", TS)).isInstanceOf(SlackException.class)
          .hasMessageContaining("not JSON");
      assertThatThrownBy(() -> slack.postMessage("C0SUPPORT", null, "hi")).isInstanceOf(SlackException.class)
          .hasMessageContaining("without the message's ts");
      assertThatThrownBy(() -> slack.historyMessage("C0SUPPORT", TS)).isInstanceOf(SlackException.class)
          .hasMessageContaining("404 and no error code");
    }
  }

  @Test
  void badArgumentsAndClosedClient_failBeforeAnyRequest() {
    SlackWebClient slack = builder().build();
    assertThatThrownBy(() -> slack.postMessage(" ", null, "hi")).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid channelId: must not be blank");
    assertThatThrownBy(() -> slack.postMessage("C1", null, "x".repeat(40_001)))
        .isInstanceOf(InvalidInputException.class);
    slack.close();
    slack.close();
    assertThatThrownBy(() -> slack.permalink("C1", TS)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void builder_checksItsValues_andHidesTheToken() {
    assertThatThrownBy(() -> SlackWebClient.builder().build()).isInstanceOf(InvalidInputException.class)
        .hasMessage("Invalid botToken: is required");
    assertThatThrownBy(() -> SlackWebClient.builder().baseUrl("http://slack.example.com/api/"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must use https");
    assertThatThrownBy(() -> SlackWebClient.builder().baseUrl("::not a url"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SlackWebClient.builder().botToken(" xoxb-1 "))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SlackWebClient.builder().conversationReadLimit(0, Duration.ofMinutes(1)))
        .isInstanceOf(InvalidInputException.class);
    SlackWebClient.Builder b = SlackWebClient.builder().botToken(TOKEN).timeout(Duration.ofSeconds(5))
        .maxRetryAfter(Duration.ofSeconds(30)).meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    try (SlackWebClient slack = b.build()) {
      assertThat(b.toString()).contains("(redacted)").doesNotContain(TOKEN);
      assertThat(slack.toString()).contains("https://slack.com/api/").doesNotContain(TOKEN);
    }
  }
}

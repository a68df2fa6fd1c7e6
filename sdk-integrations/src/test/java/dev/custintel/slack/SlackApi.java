package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Stubs of the Slack Web API methods, with answers shaped as Slack documents them. */
final class SlackApi {
  static final String REPLY_TS = "1772442001.000900";
  static final String PERMALINK = "https://shop.slack.com/archives/C0SUPPORT/p1772441900000100";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlackApi() {}

  static void postMessageOk(WireMockExtension wm) {
    wm.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + SlackEvents.CHANNEL + "\",\"ts\":\"" + REPLY_TS + "\",\"message\":{"
            + "\"type\":\"message\",\"bot_id\":\"B0BOT0001\",\"user\":\"" + SlackEvents.BOT_USER + "\",\"text\":\"ok\","
            + "\"ts\":\"" + REPLY_TS + "\"}}")));
  }

  static void historyHas(WireMockExtension wm, String ts, String text) {
    ObjectNode root = MAPPER.createObjectNode().put("ok", true).put("has_more", false);
    root.putArray("messages").addObject().put("type", "message").put("user", "UCUSTOMER").put("text", text)
        .put("ts", ts);
    wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(root.toString())));
  }

  static void permalinkOk(WireMockExtension wm) {
    wm.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + SlackEvents.CHANNEL + "\",\"permalink\":\"" + PERMALINK + "\"}")));
  }

  static void fails(WireMockExtension wm, String method, String error) {
    wm.stubFor(get(urlPathEqualTo("/api/" + method)).willReturn(okJson("{\"ok\":false,\"error\":\"" + error + "\"}")));
    wm.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(okJson("{\"ok\":false,\"error\":\"" + error
        + "\"}")));
  }

  static void rateLimited(WireMockExtension wm, String method, int retryAfterSeconds) {
    wm.stubFor(get(urlPathEqualTo("/api/" + method)).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
  }
}

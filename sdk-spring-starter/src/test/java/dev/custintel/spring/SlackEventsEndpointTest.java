package dev.custintel.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.custintel.CustomerIntelligence;
import dev.custintel.core.model.Money;
import dev.custintel.core.model.Order;
import dev.custintel.core.model.OrderLine;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.TicketLink;
import dev.custintel.slack.TicketLinkStatus;
import dev.custintel.spring.testing.SlackSigning;
import dev.custintel.spring.testing.TestServer;
import dev.custintel.spring.testing.TestServer.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * {@code POST /slack/events} over real HTTP in a Boot application with the starter, on H2 and PostgreSQL, with
 * WireMock stand-ins for Slack's Web API and Gorgias: signed requests pass (the challenge comes back), badly signed
 * ones get the handler's 401 and cause nothing, and a 🎫 reaction makes a Gorgias ticket and a reply in the thread.
 * API-key security is off ({@code /slack/events} is in the open chain either way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackEventsEndpointTest extends OnBothDatabases {
  private static final String SECRET = "starter-signing-secret-5d21";
  private static final String BOT_TOKEN = "xoxb-2026-starterBOT-77aa";
  private static final String GORGIAS_EMAIL = "agent@shop.test";
  private static final String GORGIAS_KEY = "gk_starter_K3Y_e1";
  private static final String CHANNEL = "C0SUPPORT";
  private static final String TS = "1772441900.000100";
  private static final String TEXT = "Parcel for ada@example.com arrived damaged\nShe would like a refund.";
  private static final String PERMALINK = "https://shop.slack.com/archives/C0SUPPORT/p1772441900000100";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDatabase database;
  private WireMockServer slack;
  private WireMockServer gorgias;
  private TestServer server;

  @BeforeParameterizedClassInvocation
  void start() {
    database = newDatabase.get();
    slack = new WireMockServer(wireMockConfig().dynamicPort());
    slack.start();
    gorgias = new WireMockServer(wireMockConfig().dynamicPort());
    gorgias.start();
    server = TestServer.start("spring.datasource.url=" + database.jdbcUrl(), "custintel.security.enabled=false",
        "custintel.slack.signing-secret=" + SECRET, "custintel.slack.bot-token=" + BOT_TOKEN,
        "custintel.slack.api-url=" + slack.baseUrl() + "/api/",
        // The subdomain makes the ticket links; the calls go to the stand-in.
        "custintel.gorgias.subdomain=shop", "custintel.gorgias.base-url=" + gorgias.baseUrl(),
        "custintel.gorgias.email=" + GORGIAS_EMAIL, "custintel.gorgias.api-key=" + GORGIAS_KEY,
        "custintel.slack.dashboard-url=https://shop.test/dashboard");
  }

  @AfterParameterizedClassInvocation
  void stop() {
    if (server != null) {
      server.close();
    }
    for (WireMockServer wm : new WireMockServer[] {slack, gorgias}) {
      if (wm != null) {
        wm.stop();
      }
    }
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void resetStandIns() {
    slack.resetAll();
    gorgias.resetAll();
  }

  private Response deliver(String body, Map<String, String> headers) {
    return server.call("POST", "/slack/events", body, headers);
  }

  private Response deliverSigned(String body) {
    return deliver(body, SlackSigning.headers(body, Instant.now().getEpochSecond(), SECRET));
  }

  @Test
  void urlVerification_signed_challengeBack() {
    Response r = deliverSigned(urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    assertThat(r.contentType()).startsWith("text/plain");
  }

  @Test
  void urlVerification_nonAsciiBody_signedOverItsExactBytes() {
    // The signature covers the body's UTF-8 bytes: a body that went through a charset other than UTF-8, or was
    // parsed and written again, would no longer match.
    String body = "{\"token\":\"t\",\"challenge\":\"caf\u00e9-\u2603\",\"type\":\"url_verification\",\"note\":"
        + "\"  spaced   out  \"}";
    Response r = deliverSigned(body);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("caf\u00e9-\u2603");
  }

  @Test
  void badlySigned_unauthorized_andNothingHappens() {
    String body = urlVerification("never-echoed");
    long now = Instant.now().getEpochSecond();

    Response wrongSecret = deliver(body, SlackSigning.headers(body, now, "another-secret"));
    Response tampered = deliver(body.replace("never-echoed", "tampered"), SlackSigning.headers(body, now, SECRET));
    Response stale = deliver(body, SlackSigning.headers(body, now - Duration.ofMinutes(6).toSeconds(), SECRET));
    Response unsigned = deliver(body, Map.of());

    for (Response r : List.of(wrongSecret, tampered, stale, unsigned)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.body()).doesNotContain("never-echoed").doesNotContain("tampered").doesNotContain(SECRET);
    }
    String reaction = reaction("Ev0BAD001", "1772441999.000100");
    Response badReaction = deliver(reaction, SlackSigning.headers(reaction, now, "another-secret"));
    assertThat(badReaction.status()).isEqualTo(401);
    assertThat(server.context().getBean(SlackEventsHandler.class).ticketLink(CHANNEL, "1772441999.000100")).isEmpty();
    assertThat(slack.getAllServeEvents()).isEmpty();
    assertThat(gorgias.getAllServeEvents()).isEmpty();
  }

  @Test
  void ticketReaction_createsGorgiasTicketAndRepliesInTheThread() throws Exception {
    stubHappyPath(4711);

    Response r = deliverSigned(reaction("Ev0TICKET01", TS));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    SlackEventsHandler handler = server.context().getBean(SlackEventsHandler.class);
    TicketLink link = awaitLinked(handler, TS);
    assertThat(link.ticketId()).isEqualTo(4711L);
    assertThat(link.ticketUrl()).isEqualTo("https://shop.gorgias.com/app/ticket/4711");
    assertThat(link.externalId()).isEqualTo("slack:" + CHANNEL + ":" + TS);
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
        (GORGIAS_EMAIL + ":" + GORGIAS_KEY).getBytes(StandardCharsets.UTF_8));
    gorgias.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets"))
        .withHeader("Authorization", equalTo(basic))
        .withRequestBody(matchingJsonPath("$.external_id", equalTo("slack:" + CHANNEL + ":" + TS)))
        .withRequestBody(matchingJsonPath("$.subject", equalTo("Parcel for ada@example.com arrived damaged")))
        .withRequestBody(matchingJsonPath("$.tags[0].name", equalTo("slack")))
        .withRequestBody(matchingJsonPath("$.messages[0].sender.email", equalTo("ada@example.com")))
        .withRequestBody(matchingJsonPath("$.messages[0].body_text", equalTo(TEXT + "\n\nFrom Slack: " + PERMALINK))));
    slack.verify(getRequestedFor(urlPathEqualTo("/api/conversations.history"))
        .withQueryParam("channel", equalTo(CHANNEL)).withQueryParam("latest", equalTo(TS))
        .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN)));
    List<JsonNode> replies = awaitReplies();
    assertThat(replies).singleElement().satisfies(reply -> {
      assertThat(reply.path("channel").asText()).isEqualTo(CHANNEL);
      assertThat(reply.path("thread_ts").asText()).isEqualTo(TS);
      assertThat(reply.path("text").asText())
          .isEqualTo(":ticket: Created Gorgias ticket <https://shop.gorgias.com/app/ticket/4711|#4711>.");
    });

    // Slack delivers the same event again (its retry): acknowledged, no second ticket.
    Response again = deliver(reaction("Ev0TICKET01", TS), withRetry(reaction("Ev0TICKET01", TS)));
    assertThat(again.status()).isEqualTo(200);
    Thread.sleep(500);
    gorgias.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
  }

  @Test
  void bodyOverOneMebibyte_refusedBeforeTheHandler() {
    String body = "{\"type\":\"url_verification\",\"challenge\":\"" + "x".repeat(1 << 20) + "\"}";

    Response r = deliverSigned(body);

    assertThat(r.status()).as(r.status() + " " + r.contentType()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("body too large (at most 1048576 bytes)");
  }

  @Test
  void get_methodNotAllowed() {
    Response r = server.call("GET", "/slack/events", null, Map.of());

    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void mention_withoutAnAnswererBean_isAnsweredByAsk_withATableAndTheDashboardLink() throws Exception {
    stubHappyPath(1);
    CustomerIntelligence ci = server.context().getBean(CustomerIntelligence.class);
    Instant now = ci.clock().instant();
    ci.ingestion().upsertOrders(List.of(
        Order.purchase("slack-ask-1", "ask-big", now.minusSeconds(3_600), Money.currency("EUR"),
            List.of(new OrderLine("p-1", 1, new BigDecimal("90.00")))),
        Order.purchase("slack-ask-2", "ask-small", now.minusSeconds(7_200), Money.currency("EUR"),
            List.of(new OrderLine("p-1", 1, new BigDecimal("10.00"))))));

    String ts = "1772442100.000100";
    ObjectNode event = JSON.createObjectNode().put("type", "app_mention").put("user", "UAGENT001")
        .put("text", "<@UBOT0001> top 2 customers by spend in the past 7 days").put("ts", ts).put("channel", CHANNEL)
        .put("event_ts", ts);
    ObjectNode root = JSON.createObjectNode().put("token", "legacy-verification-token").put("team_id", "T0SHOP001")
        .put("api_app_id", "A0APP0001").put("type", "event_callback").put("event_id", "Ev0ASK0001")
        .put("event_time", 1772442100);
    root.set("event", event);
    root.putArray("authorizations").addObject().put("team_id", "T0SHOP001").put("user_id", "UBOT0001")
        .put("is_bot", true).put("is_enterprise_install", false);

    Response r = deliverSigned(root.toString());

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> replies = awaitReplies();
    assertThat(replies).singleElement().satisfies(reply -> {
      assertThat(reply.path("thread_ts").asText()).isEqualTo(ts);
      String text = reply.path("text").asText();
      assertThat(text).startsWith("ask-big spent the most in the last 7 days")
          .contains("_Understood: top 2 customers by net spend in the last 7 days")
          .contains("```\nrank  customerId")
          .contains("1     ask-big")
          .contains("2     ask-small")
          .endsWith("<https://shop.test/dashboard|Open the dashboard>");
    });
  }

  private Map<String, String> withRetry(String body) {
    Map<String, String> headers = new HashMap<>(SlackSigning.headers(body, Instant.now().getEpochSecond(), SECRET));
    headers.put("X-Slack-Retry-Num", "1");
    headers.put("X-Slack-Retry-Reason", "http_timeout");
    return headers;
  }

  private void stubHappyPath(long ticketId) {
    ObjectNode history = JSON.createObjectNode().put("ok", true).put("has_more", false);
    history.putArray("messages").addObject().put("type", "message").put("user", "UCUSTOMER").put("text", TEXT)
        .put("ts", TS);
    slack.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(history.toString())));
    slack.stubFor(get(urlPathEqualTo("/api/chat.getPermalink")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"permalink\":\"" + PERMALINK + "\"}")));
    slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
        "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1772442001.000900\",\"message\":{\"type\":\"message\","
            + "\"bot_id\":\"B0BOT0001\",\"user\":\"UBOT0001\",\"text\":\"ok\",\"ts\":\"1772442001.000900\"}}")));
    gorgias.stubFor(get(urlPathEqualTo("/api/customers")).withQueryParam("email", equalTo("ada@example.com"))
        .willReturn(okJson(page("{\"id\":5,\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\","
            + "\"firstname\":\"Ada\",\"lastname\":\"Lovelace\",\"created_datetime\":\"2020-01-02T03:04:05\"}"))));
    gorgias.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", matching(".+"))
        .willReturn(okJson(page())));
    gorgias.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(
            "{\"id\":" + ticketId + ",\"uri\":\"/api/tickets/" + ticketId + "/\",\"external_id\":\"slack:" + CHANNEL
                + ":" + TS + "\",\"status\":\"open\",\"channel\":\"api\",\"via\":\"api\",\"subject\":\"From Slack\","
                + "\"customer\":{\"id\":5,\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"},"
                + "\"tags\":[{\"id\":1,\"name\":\"slack\"}],\"spam\":false,"
                + "\"created_datetime\":\"2026-03-02T09:00:00\"}")));
  }

  private static String page(String... items) {
    return "{\"object\":\"list\",\"data\":[" + String.join(",", items) + "],"
        + "\"meta\":{\"prev_cursor\":null,\"next_cursor\":null}}";
  }

  /** The handler works on its own pool after the acknowledgement: wait for the link, 30 s at most. */
  private static TicketLink awaitLinked(SlackEventsHandler handler, String ts) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<TicketLink> link = handler.ticketLink(CHANNEL, ts);
    while (System.nanoTime() < deadline
        && (link.isEmpty() || link.get().status() != TicketLinkStatus.LINKED)) {
      Thread.sleep(50);
      link = handler.ticketLink(CHANNEL, ts);
    }
    assertThat(link).as("the link of %s", ts).isPresent();
    assertThat(link.get().status()).isEqualTo(TicketLinkStatus.LINKED);
    return link.get();
  }

  private List<JsonNode> awaitReplies() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<JsonNode> replies = replies();
    while (replies.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      replies = replies();
    }
    return replies;
  }

  private List<JsonNode> replies() {
    return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
        .map(r -> json(r.getBodyAsString())).toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String urlVerification(String challenge) {
    return JSON.createObjectNode().put("token", "legacy-verification-token").put("challenge", challenge)
        .put("type", "url_verification").toString();
  }

  private static String reaction(String eventId, String ts) {
    ObjectNode event = JSON.createObjectNode().put("type", "reaction_added").put("user", "UAGENT001")
        .put("reaction", "ticket").put("item_user", "UCUSTOMER").put("event_ts", "1772441990.000500");
    event.putObject("item").put("type", "message").put("channel", CHANNEL).put("ts", ts);
    ObjectNode root = JSON.createObjectNode().put("token", "legacy-verification-token").put("team_id", "T0SHOP001")
        .put("api_app_id", "A0APP0001").put("type", "event_callback").put("event_id", eventId)
        .put("event_time", 1772441990);
    root.set("event", event);
    root.putArray("authorizations").addObject().put("team_id", "T0SHOP001").put("user_id", "UBOT0001")
        .put("is_bot", true).put("is_enterprise_install", false);
    return root.toString();
  }
}

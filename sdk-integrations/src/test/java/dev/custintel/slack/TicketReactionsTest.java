package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ticket and close reactions, end to end, with the links and event ids in a real database: H2 and PostgreSQL, as
 * every {@link SlackHandlerFixture}.
 */
class TicketReactionsTest extends SlackHandlerFixture {

  private static String ticketReaction(String eventId) {
    return SlackEvents.reaction(eventId, SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS);
  }

  private static String closeReaction(String eventId, String ts) {
    return SlackEvents.reaction(eventId, SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, ts);
  }

  private static long created(List<JsonNode> replies) {
    return replies.stream().filter(r -> r.path("text").asText().startsWith(":ticket: Created")).count();
  }

  @Test
  void ticketReaction_createsTicketAndRepliesInThreadWithLink() {
    happyPath(501);

    SlackResponse response = deliver(ticketReaction("Ev0001"));

    assertThat(response.status()).isEqualTo(200);
    slackWm.verify(getRequestedFor(urlPathEqualTo("/api/conversations.history"))
        .withQueryParam("channel", equalTo(SlackEvents.CHANNEL)).withQueryParam("latest", equalTo(TS))
        .withQueryParam("inclusive", equalTo("true")).withQueryParam("limit", equalTo("1"))
        .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN)));
    // The customer id in the text is the store's customer C-1001, whose email Gorgias knows by name.
    gorgiasWm.verify(getRequestedFor(urlPathEqualTo("/api/customers")).withQueryParam("email",
        equalTo("ada@example.com")));
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets"))
        .withRequestBody(matchingJsonPath("$.external_id", equalTo(EXTERNAL_ID)))
        .withRequestBody(matchingJsonPath("$.subject", equalTo("Order 1001 for C-1001 arrived damaged")))
        .withRequestBody(matchingJsonPath("$.tags[0].name", equalTo("slack")))
        .withRequestBody(matchingJsonPath("$.tags[1].name", equalTo("from-slack")))
        .withRequestBody(matchingJsonPath("$.messages[0].sender.email", equalTo("ada@example.com")))
        .withRequestBody(matchingJsonPath("$.messages[0].sender.name", equalTo("Ada Lovelace")))
        .withRequestBody(matchingJsonPath("$.messages[0].body_text", equalTo(
            TEXT + "\n\nFrom Slack: " + SlackApi.PERMALINK)))
        // The message's own time, from its ts (seconds since the epoch).
        .withRequestBody(matchingJsonPath("$.messages[0].sent_datetime", equalTo("2026-03-02T08:58:20.0001Z"))));
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.path("channel").asText()).isEqualTo(SlackEvents.CHANNEL);
      assertThat(r.path("thread_ts").asText()).isEqualTo(TS);
      assertThat(r.path("text").asText())
          .isEqualTo(":ticket: Created Gorgias ticket <https://shop.gorgias.com/app/ticket/501|#501>.");
    });
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.ticketId()).isEqualTo(501L);
      assertThat(link.ticketUrl()).isEqualTo("https://shop.gorgias.com/app/ticket/501");
      assertThat(link.externalId()).isEqualTo(EXTERNAL_ID);
      assertThat(link.threadTs()).isEqualTo(TS);
      assertThat(link.attempts()).isEqualTo(1);
      assertThat(link.lastError()).isNull();
      assertThat(link.linkedAt()).isEqualTo(FakeTime.START);
      assertThat(link.closedAt()).isNull();
    });
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
  }

  @Test
  void ticketReaction_sameEventDeliveredFourTimes_oneTicketOneReply() {
    happyPath(502);
    String body = ticketReaction("Ev0002");

    List<Integer> statuses = new ArrayList<>();
    statuses.add(deliver(body).status());
    for (int retry = 1; retry <= 3; retry++) {
      statuses.add(deliver(body, "X-Slack-Retry-Num", String.valueOf(retry), "X-Slack-Retry-Reason",
          "http_timeout").status());
    }

    assertThat(statuses).containsExactly(200, 200, 200, 200);
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).hasSize(1);
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
    assertThat(rows("ci_slack_ticket_links")).isEqualTo(1);
  }

  @Test
  void twoTicketReactionsAtOnce_differentEvents_oneTicket() throws Exception {
    happyPath(503);
    // A slow Gorgias keeps the first claim open while the second reaction arrives.
    gorgiasWm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(WireMock.aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(GorgiasApi.ticket(503, EXTERNAL_ID, "open"))
        .withFixedDelay(300)));
    // The message is cached, so neither reaction is held back by the read limit: only the claim can stop one.
    deliver(SlackEvents.message("Ev0003m", TS, null, TEXT));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService hosts = Executors.newFixedThreadPool(2);
    try {
      List<Future<SlackResponse>> answers = new ArrayList<>();
      for (String eventId : List.of("Ev0003a", "Ev0003b")) {
        String body = ticketReaction(eventId);
        answers.add(hosts.submit(() -> {
          start.await(5, TimeUnit.SECONDS);
          return deliver(body);
        }));
      }
      for (Future<SlackResponse> a : answers) {
        assertThat(a.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      hosts.shutdownNow();
    }

    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(created(replies())).isEqualTo(1);
    // The other reaction either saw the claim held (no reply) or the ticket made (a reply naming it).
    assertThat(replies()).hasSizeLessThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.path("text").asText()).contains("|#503>"));
    assertThat(rows("ci_processed_slack_events")).isEqualTo(2);
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.attempts()).isEqualTo(1);
    });
  }

  @Test
  void secondTicketReaction_repliesWithTheExistingTicket() {
    happyPath(504);
    deliver(ticketReaction("Ev0004a"));

    deliver(ticketReaction("Ev0004b"));

    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).extracting(r -> r.path("text").asText()).containsExactly(
        ":ticket: Created Gorgias ticket <https://shop.gorgias.com/app/ticket/504|#504>.",
        ":ticket: This message already has Gorgias ticket <https://shop.gorgias.com/app/ticket/504|#504>.");
  }

  @Test
  void ticketReaction_messageCachedFromMessageEvent_noHistoryCall() {
    happyPath(505);
    deliver(SlackEvents.message("Ev0005m", TS, null, TEXT));

    deliver(ticketReaction("Ev0005"));

    slackWm.verify(0, getRequestedFor(urlPathEqualTo("/api/conversations.history")));
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    // Messages are cached, not recorded: only the reaction's id is stored.
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
  }

  @Test
  void ticketReaction_onThreadReply_readsItWithRepliesAndAnswersInTheParentThread() {
    happyPath(506);
    String reply = "1772441950.000300";
    // History holds only the thread's parent: asked for the reply's ts, it answers with the parent.
    SlackApi.historyHas(slackWm, TS, "Parent message");
    slackWm.stubFor(WireMock.get(urlPathEqualTo("/api/conversations.replies")).willReturn(WireMock.okJson(
        "{\"ok\":true,\"has_more\":false,\"messages\":[{\"type\":\"message\",\"user\":\"UCUSTOMER\",\"text\":"
            + "\"Parent message\",\"ts\":\"" + TS + "\",\"thread_ts\":\"" + TS + "\"},{\"type\":\"message\","
            + "\"user\":\"UCUSTOMER\",\"text\":\"Refund for ada@example.com please\",\"ts\":\"" + reply + "\","
            + "\"thread_ts\":\"" + TS + "\"}]}")));
    GorgiasApi.createsTicket(gorgiasWm, 506, "slack:C0SUPPORT:" + reply);

    deliver(SlackEvents.reaction("Ev0006", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, reply));

    // Slack's limit for a thread is 1 per minute too; the second read method was still free.
    slackWm.verify(getRequestedFor(urlPathEqualTo("/api/conversations.replies"))
        .withQueryParam("ts", equalTo(reply)).withQueryParam("inclusive", equalTo("true")));
    gorgiasWm.verify(postRequestedFor(urlPathEqualTo("/api/tickets"))
        .withRequestBody(matchingJsonPath("$.external_id", equalTo("slack:C0SUPPORT:" + reply)))
        .withRequestBody(matchingJsonPath("$.messages[0].sender.email", equalTo("ada@example.com"))));
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("thread_ts").asText()).isEqualTo(TS));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, reply)).hasValueSatisfying(
        link -> assertThat(link.threadTs()).isEqualTo(TS));
  }

  @Test
  void ticketReaction_messageUnreadable_saysSoAndKeepsAFailedLink() {
    SlackApi.fails(slackWm, "conversations.history", "not_in_channel");
    SlackApi.fails(slackWm, "conversations.replies", "not_in_channel");
    SlackApi.postMessageOk(slackWm);

    deliver(ticketReaction("Ev0007"));

    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText()).isEqualTo(
        ":warning: Could not read this message to make a ticket (conversations.history answered not_in_channel;"
            + " conversations.replies answered not_in_channel). React with :ticket: again in a minute."));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.FAILED);
      assertThat(link.lastError()).startsWith("Could not read the message: ");
    });
  }

  @Test
  void ticketReaction_readMethodsHeldBackByTheLimit_waitsWithoutSpendingAnAttempt_thenMakesTheTicket() {
    SlackApi.historyHas(slackWm, "1772441000.000001", "An older message");
    SlackApi.fails(slackWm, "conversations.replies", "thread_not_found");
    SlackApi.postMessageOk(slackWm);
    // History answers with an older message, so the reader tries replies too: both spend their one request.
    deliver(SlackEvents.reaction("Ev0008a", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, "1772441500.000001"));
    assertThat(requests(slackWm)).containsExactly("GET /api/conversations.history",
        "GET /api/conversations.replies", "POST /api/chat.postMessage");
    slackWm.resetRequests();

    assertThat(deliver(ticketReaction("Ev0008b")).status()).isEqualTo(200);

    // Nothing was sent, so nothing failed: no reply, no link, no attempt; the work waits in the database.
    assertThat(requests(slackWm)).isEmpty();
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).isEmpty();
    assertThat(rows("ci_slack_work")).isEqualTo(1);
    assertThat(handler.resumeWork()).isZero(); // not due before the limit allows a read

    happyPath(508);
    time.advance(Duration.ofSeconds(61));
    assertThat(handler.resumeWork()).isEqualTo(1);

    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.attempts()).isEqualTo(1);
    });
    assertThat(created(replies())).isEqualTo(1);
    assertThat(rows("ci_slack_work")).isZero();
  }

  @Test
  void ticketReaction_noCustomerInMessage_asksForOne_andLeavesNoLink() {
    SlackApi.historyHas(slackWm, TS, "Something is wrong with an order");
    SlackApi.postMessageOk(slackWm);

    deliver(ticketReaction("Ev0009"));

    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText()).isEqualTo(
        ":grey_question: No customer found in this message. Add the customer's id or email address, then react"
            + " with :ticket: again."));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).isEmpty();
  }

  @Test
  void ticketReaction_noCustomerButFallback_ticketForTheFallback() {
    SlackApi.historyHas(slackWm, TS, "Something is wrong with an order");
    SlackApi.permalinkOk(slackWm);
    SlackApi.postMessageOk(slackWm);
    GorgiasApi.customer(gorgiasWm, "support@shop.test", "Support");
    GorgiasApi.createsTicket(gorgiasWm, 510, EXTERNAL_ID);
    handler = track(builder().executor(Runnable::run).fallbackCustomerEmail("support@shop.test").build());

    deliver(ticketReaction("Ev0010"));

    gorgiasWm.verify(postRequestedFor(urlPathEqualTo("/api/tickets"))
        .withRequestBody(matchingJsonPath("$.messages[0].sender.email", equalTo("support@shop.test"))));
    assertThat(created(replies())).isEqualTo(1);
  }

  @Test
  void ticketReaction_customerAddressTheTicketCannotTake_saysWhyAndFails() {
    SlackApi.historyHas(slackWm, TS, "Refund for C-2002");
    SlackApi.postMessageOk(slackWm);

    deliver(ticketReaction("Ev0010b"));

    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText()).startsWith(
        ":warning: Could not create the Gorgias ticket: Invalid email: must be an email address (was"
            + " 'bob(at)example.com')."));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.status()).isEqualTo(TicketLinkStatus.FAILED));
  }

  @Test
  void gorgiasDown_errorReplyAndFailedLink_thenNextReactionCreatesExactlyOneTicket() {
    happyPath(511);
    GorgiasApi.createFails(gorgiasWm, 503);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);

    deliver(ticketReaction("Ev0011a"));

    // The Gorgias client tried 4 times, looking the ticket up by external id before each retry.
    gorgiasWm.verify(4, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.path("thread_ts").asText()).isEqualTo(TS);
      assertThat(r.path("text").asText()).isEqualTo(":warning: Could not create the Gorgias ticket: Gorgias"
          + " answered 503 (4 attempts). Nothing is lost: react with :ticket: again to retry (it is also retried"
          + " automatically).");
    });
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.FAILED);
      assertThat(link.attempts()).isEqualTo(1);
      assertThat(link.threadTs()).isEqualTo(TS);
      assertThat(link.lastError()).startsWith("GorgiasServerException: Gorgias failed tickets.create").contains("503");
    });

    gorgiasWm.resetAll();
    happyPath(511);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    slackWm.resetRequests();
    deliver(ticketReaction("Ev0011b"));

    // The second attempt first looked for a ticket an earlier attempt might have made, then made the one ticket.
    assertThat(requests(gorgiasWm)).containsExactly("GET /api/customers", "GET /api/tickets", "POST /api/tickets");
    gorgiasWm.verify(getRequestedFor(urlPathEqualTo("/api/tickets")).withQueryParam("external_id",
        equalTo(EXTERNAL_ID)));
    assertThat(replies()).extracting(r -> r.path("text").asText())
        .containsExactly(":ticket: Created Gorgias ticket <https://shop.gorgias.com/app/ticket/511|#511>.");
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.attempts()).isEqualTo(2);
      assertThat(link.lastError()).isNull();
    });
  }

  @Test
  void retryFailed_ticketMadeDespiteThe503_foundByExternalId_notCreatedAgain() {
    happyPath(512);
    GorgiasApi.createFails(gorgiasWm, 503);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    deliver(ticketReaction("Ev0012"));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.status()).isEqualTo(TicketLinkStatus.FAILED));

    // Gorgias is back, and one of the failed creates had gone through after all.
    gorgiasWm.resetAll();
    happyPath(512);
    GorgiasApi.ticketWithExternalId(gorgiasWm, 512, EXTERNAL_ID);
    slackWm.resetRequests();
    RetryReport report = handler.retryFailed();

    assertThat(report).isEqualTo(new RetryReport(1, 1, 0));
    gorgiasWm.verify(0, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).extracting(r -> r.path("text").asText())
        .containsExactly(":ticket: Created Gorgias ticket <https://shop.gorgias.com/app/ticket/512|#512>.");
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.ticketId()).isEqualTo(512L);
    });
    // Nothing left to retry.
    assertThat(handler.retryFailed()).isEqualTo(new RetryReport(0, 0, 0));
  }

  @Test
  void retryFailed_stillDown_noReplyAndAnotherAttemptCounted_thenGivesUpAtMaxAttempts() {
    happyPath(513);
    GorgiasApi.createFails(gorgiasWm, 503);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    handler = track(builder().executor(Runnable::run).maxAttempts(2).build());
    deliver(ticketReaction("Ev0013"));
    slackWm.resetRequests();

    assertThat(handler.retryFailed()).isEqualTo(new RetryReport(1, 0, 1));
    assertThat(handler.retryFailed()).isEqualTo(new RetryReport(0, 0, 0));

    assertThat(replies()).isEmpty();
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.FAILED);
      assertThat(link.attempts()).isEqualTo(2);
    });
  }

  @Test
  void retryFailed_takesOverAStalePendingClaim() {
    happyPath(514);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    // An attempt that died after its claim: PENDING, claimed 11 minutes ago.
    sql("INSERT INTO ci_slack_ticket_links (channel_id, message_ts, status, external_id, attempts, claimed_at,"
        + " created_at, updated_at) VALUES ('" + SlackEvents.CHANNEL + "', '" + TS + "', 'PENDING', '" + EXTERNAL_ID
        + "', 1, TIMESTAMP WITH TIME ZONE '2026-03-02 08:49:00+00', TIMESTAMP WITH TIME ZONE '2026-03-02 08:49:00+00',"
        + " TIMESTAMP WITH TIME ZONE '2026-03-02 08:49:00+00')");

    assertThat(handler.retryFailed()).isEqualTo(new RetryReport(1, 1, 0));

    gorgiasWm.verify(getRequestedFor(urlPathEqualTo("/api/tickets")).withQueryParam("external_id",
        equalTo(EXTERNAL_ID)));
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.attempts()).isEqualTo(2));
  }

  @Test
  void ticketReaction_whileAFreshClaimIsHeld_doesNothing() {
    happyPath(515);
    sql("INSERT INTO ci_slack_ticket_links (channel_id, message_ts, status, external_id, attempts, claimed_at,"
        + " created_at, updated_at) VALUES ('" + SlackEvents.CHANNEL + "', '" + TS + "', 'PENDING', '" + EXTERNAL_ID
        + "', 1, TIMESTAMP WITH TIME ZONE '2026-03-02 08:59:00+00', TIMESTAMP WITH TIME ZONE '2026-03-02 08:59:00+00',"
        + " TIMESTAMP WITH TIME ZONE '2026-03-02 08:59:00+00')");

    deliver(ticketReaction("Ev0015"));

    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(slackWm.getAllServeEvents()).isEmpty();
    assertThat(handler.retryFailed()).isEqualTo(new RetryReport(0, 0, 0));
  }

  @Test
  void closeReaction_onLinkedMessage_closesTicketAndConfirms_once() {
    happyPath(520);
    deliver(ticketReaction("Ev0020a"));
    slackWm.resetRequests();

    deliver(closeReaction("Ev0020b", TS));
    deliver(closeReaction("Ev0020c", TS));

    gorgiasWm.verify(1, putRequestedFor(urlPathEqualTo("/api/tickets/520"))
        .withRequestBody(equalToJson("{\"status\":\"closed\"}")));
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.path("thread_ts").asText()).isEqualTo(TS);
      assertThat(r.path("text").asText())
          .isEqualTo(":white_check_mark: Closed Gorgias ticket <https://shop.gorgias.com/app/ticket/520|#520>.");
    });
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.closedAt()).isEqualTo(FakeTime.START));
  }

  @Test
  void closeReaction_onAReplyInTheLinkedThread_closesTheTicket() {
    happyPath(521);
    deliver(ticketReaction("Ev0021a"));
    String agentReply = "1772442100.000700";
    deliver(SlackEvents.message("Ev0021m", agentReply, TS, "Refund sent"));

    deliver(closeReaction("Ev0021b", agentReply));

    gorgiasWm.verify(1, putRequestedFor(urlPathEqualTo("/api/tickets/521")));
    assertThat(replies()).extracting(r -> r.path("text").asText()).last().asString()
        .startsWith(":white_check_mark: Closed Gorgias ticket");
  }

  @Test
  void closeReaction_onTheAppsOwnReply_closesTheTicket() {
    happyPath(522);
    deliver(ticketReaction("Ev0022a"));

    // The app's "Created" reply is in the thread; the app knows it from posting it.
    deliver(closeReaction("Ev0022b", SlackApi.REPLY_TS));

    gorgiasWm.verify(1, putRequestedFor(urlPathEqualTo("/api/tickets/522")));
  }

  @Test
  void closeReaction_withoutLinkedTicket_noGorgiasCallNoReply() {
    happyPath(523);

    SlackResponse response = deliver(closeReaction("Ev0023", TS));

    assertThat(response.status()).isEqualTo(200);
    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(slackWm.getAllServeEvents()).isEmpty();
    assertThat(rows("ci_slack_ticket_links")).isZero();
  }

  @Test
  void closeReaction_gorgiasFails_saysSoAndCanBeRetried() {
    happyPath(524);
    deliver(ticketReaction("Ev0024a"));
    gorgiasWm.stubFor(WireMock.put(urlPathEqualTo("/api/tickets/524")).willReturn(WireMock.aResponse()
        .withStatus(403)));
    slackWm.resetRequests();

    deliver(closeReaction("Ev0024b", TS));

    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText()).isEqualTo(
        ":warning: Could not close Gorgias ticket <https://shop.gorgias.com/app/ticket/524|#524>: Gorgias answered"
            + " 403. Remove and add :white_check_mark: again to retry."));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.closedAt()).isNull();
      assertThat(link.lastError()).startsWith("GorgiasAuthException");
    });

    GorgiasApi.closesTicket(gorgiasWm, 524, EXTERNAL_ID);
    deliver(closeReaction("Ev0024c", TS));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.closedAt()).isNotNull());
  }

  @Test
  void eventsAcknowledgedAtOnce_processedOnTheExecutor() {
    happyPath(525);
    List<Runnable> queued = new ArrayList<>();
    handler = handler(queued::add);

    SlackResponse response = deliver(ticketReaction("Ev0025"));

    assertThat(response).isEqualTo(SlackResponse.ok());
    assertThat(queued).hasSize(1);
    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
    queued.forEach(Runnable::run);
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
  }

  @Test
  void ticketReaction_claimOlderThanTheTimeout_takenOverByTheNextReaction() {
    happyPath(526);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    handler = track(builder().executor(Runnable::run).claimTimeout(Duration.ofMinutes(1)).build());
    sql("INSERT INTO ci_slack_ticket_links (channel_id, message_ts, status, external_id, attempts, claimed_at,"
        + " created_at, updated_at) VALUES ('" + SlackEvents.CHANNEL + "', '" + TS + "', 'PENDING', '" + EXTERNAL_ID
        + "', 3, TIMESTAMP WITH TIME ZONE '2026-03-02 08:58:00+00', TIMESTAMP WITH TIME ZONE '2026-03-02 08:58:00+00',"
        + " TIMESTAMP WITH TIME ZONE '2026-03-02 08:58:00+00')");

    deliver(ticketReaction("Ev0026"));

    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.attempts()).isEqualTo(4);
    });
  }
}

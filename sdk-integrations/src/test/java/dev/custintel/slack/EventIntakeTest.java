package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custintel.core.store.CustintelStore;
import dev.custintel.gorgias.testing.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What the handler does with each request before and around the flows: signatures, dedupe, routing, expiry. On H2
 * and on PostgreSQL, as every {@link SlackHandlerFixture}.
 */
class EventIntakeTest extends SlackHandlerFixture {

  @Test
  void urlVerification_signedBySlack_answersTheChallengeAsText() {
    // Signature worked out with openssl: HMAC-SHA256 of "v0:1772442000:" + body, keyed with the secret.
    String body = "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}";
    SlackRequest request = new SlackRequest(body, Map.of(
        "x-slack-request-timestamp", "1772442000",
        "X-SLACK-SIGNATURE", "v0=efadccca37b13ec89efb71d6fe9b1dfae6b84c7b2fe7b2fd6aea15831d5cacd6"));

    SlackResponse response = handler.handle(request);

    assertThat(response).isEqualTo(
        new SlackResponse(200, "text/plain; charset=utf-8", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    assertThat(rows("ci_processed_slack_events")).isZero();
  }

  @Test
  void forgedStaleFutureOrUnsignedRequests_401_noRowsNoCalls() {
    happyPath(601);
    String body = SlackEvents.reaction("Ev0101", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS);
    long now = time.instant().getEpochSecond();
    List<SlackRequest> refused = List.of(
        SlackSigner.signed(body, now, "not-the-secret"),
        SlackSigner.signed(body, now - 301, SECRET),
        SlackSigner.signed(body, now + 301, SECRET),
        new SlackRequest(body + " ", SlackSigner.signed(body, now, SECRET).headers()),
        new SlackRequest(body, Map.of("X-Slack-Request-Timestamp", String.valueOf(now))),
        new SlackRequest(body, Map.of("X-Slack-Signature", "v0=00")),
        new SlackRequest(body, Map.of("X-Slack-Request-Timestamp", "yesterday", "X-Slack-Signature", "v0=00")));

    for (SlackRequest r : refused) {
      assertThat(handler.handle(r)).isEqualTo(SlackResponse.text(401, "invalid request"));
    }

    assertThat(rows("ci_processed_slack_events")).isZero();
    assertThat(rows("ci_slack_ticket_links")).isZero();
    assertThat(slackWm.getAllServeEvents()).isEmpty();
    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(CapturedLogs.lines()).anySatisfy(l -> assertThat(l).contains("more than 5 minutes old"))
        .anySatisfy(l -> assertThat(l).contains("more than 5 minutes ahead"))
        .anySatisfy(l -> assertThat(l).contains("the signature does not match"));
  }

  @Test
  void mention_answeredInThread_withTheMentionTakenOut() {
    SlackApi.postMessageOk(slackWm);
    String thread = "1772441000.000050";

    deliver(SlackEvents.mention("Ev0102", SlackEvents.AGENT,
        "<@" + SlackEvents.BOT_USER + "> which customers haven't ordered in 90 days?", "1772441980.000200", thread));

    assertThat(questions).containsExactly("which customers haven't ordered in 90 days?");
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.path("channel").asText()).isEqualTo(SlackEvents.CHANNEL);
      assertThat(r.path("thread_ts").asText()).isEqualTo(thread);
      assertThat(r.path("text").asText()).isEqualTo(ANSWER);
    });
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
  }

  @Test
  void mention_outsideThread_startsOneUnderTheMention_andAnEmptyQuestionGetsAHint() {
    SlackApi.postMessageOk(slackWm);

    deliver(SlackEvents.mention("Ev0103", SlackEvents.AGENT, "<@" + SlackEvents.BOT_USER + "|custintel>  ",
        "1772441980.000300", null));

    assertThat(questions).isEmpty();
    assertThat(replies()).singleElement().satisfies(r -> {
      assertThat(r.path("thread_ts").asText()).isEqualTo("1772441980.000300");
      assertThat(r.path("text").asText()).startsWith("Ask me something after the mention");
    });
  }

  @Test
  void mention_answererFailsOrIsSilent_politeReplies() {
    SlackApi.postMessageOk(slackWm);
    handler = track(builder().executor(Runnable::run).questionAnswerer(q -> {
      if (q.contains("fail")) {
        throw new IllegalStateException("model not ready");
      }
      return " ";
    }).build());

    deliver(SlackEvents.mention("Ev0104a", SlackEvents.AGENT, "<@UBOT0001> please fail", "1772441980.000400", null));
    deliver(SlackEvents.mention("Ev0104b", SlackEvents.AGENT, "<@UBOT0001> hello", "1772441980.000500", null));

    assertThat(replies()).extracting(r -> r.path("text").asText())
        .containsExactly(":warning: Sorry, I could not answer that just now.", "I have no answer to that.");
  }

  @Test
  void appsOwnEvents_ignored() {
    happyPath(602);

    deliver(SlackEvents.reaction("Ev0105a", SlackEvents.BOT_USER, "ticket", SlackEvents.CHANNEL, TS));
    deliver(SlackEvents.mention("Ev0105b", SlackEvents.BOT_USER, "<@UBOT0001> echo", "1772441980.000600", null));

    assertThat(slackWm.getAllServeEvents()).isEmpty();
    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(questions).isEmpty();
    assertThat(rows("ci_processed_slack_events")).isZero();
  }

  @Test
  void configuredBotUserId_isTheAppsToo() {
    happyPath(603);
    handler = track(builder().executor(Runnable::run).botUserId(SlackEvents.AGENT).build());

    deliver(SlackEvents.reaction("Ev0106", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));

    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
  }

  @Test
  void reactionOnAFile_otherReactionsAndOtherEvents_ignored() {
    happyPath(604);

    List<Integer> statuses = new ArrayList<>();
    statuses.add(deliver(SlackEvents.fileReaction("Ev0107a", SlackEvents.AGENT, "ticket")).status());
    statuses.add(deliver(SlackEvents.reaction("Ev0107b", SlackEvents.AGENT, "thumbsup", SlackEvents.CHANNEL, TS))
        .status());
    statuses.add(deliver("{\"type\":\"event_callback\",\"event_id\":\"Ev0107c\",\"event\":{\"type\":\"team_join\"}}")
        .status());
    statuses.add(deliver("{\"type\":\"app_rate_limited\",\"minute_rate_limited\":1518467820}").status());

    assertThat(statuses).containsExactly(200, 200, 200, 200);
    assertThat(slackWm.getAllServeEvents()).isEmpty();
    assertThat(gorgiasWm.getAllServeEvents()).isEmpty();
    assertThat(rows("ci_processed_slack_events")).isZero();
  }

  @Test
  void customReactionNames_areUsed() {
    happyPath(605);
    handler = track(builder().executor(Runnable::run).ticketReactions(Set.of("admission_tickets"))
        .build());

    deliver(SlackEvents.reaction("Ev0108a", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));
    gorgiasWm.verify(0, postRequestedFor(urlPathEqualTo("/api/tickets")));
    deliver(SlackEvents.reaction("Ev0108b", SlackEvents.AGENT, "admission_tickets", SlackEvents.CHANNEL, TS));
    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
  }

  @Test
  void notJson_orActionableEventWithoutId_400() {
    assertThat(deliver("token=abc&team_id=T1").status()).isEqualTo(400);
    assertThat(deliver("{\"type\":\"url_verification\"}").status()).isEqualTo(400);
    String noId = SlackEvents.reaction("x", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS)
        .replace("\"event_id\":\"x\",", "");
    assertThat(deliver(noId).status()).isEqualTo(400);
    assertThat(rows("ci_processed_slack_events")).isZero();
  }

  @Test
  void closedHandler_refusesWorkWithIllegalState() {
    SlackEventsHandler closed = builder().executor(Runnable::run).build();
    closed.close();
    closed.close();
    assertThatThrownBy(() -> closed.handle(new SlackRequest("{}", Map.of())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(closed::retryFailed).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(closed::purgeExpiredEvents).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(closed::resumeWork).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void purgeExpiredEvents_deletesOnlyExpiredIds_andAPurgedIdIsNewAgain() {
    handler = track(builder().executor(Runnable::run).eventRetention(Duration.ofHours(1)).build());
    deliver(SlackEvents.reaction("Ev0110a", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    deliver(SlackEvents.reaction("Ev0110b", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    time.advance(Duration.ofMinutes(59));
    deliver(SlackEvents.reaction("Ev0110c", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    assertThat(handler.purgeExpiredEvents()).isZero();

    time.advance(Duration.ofMinutes(1));
    assertThat(handler.purgeExpiredEvents()).isEqualTo(2);

    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
    deliver(SlackEvents.reaction("Ev0110a", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    assertThat(rows("ci_processed_slack_events")).isEqualTo(2);
  }

  @Test
  void eventCannotBeRecorded_500_soSlackRetries() {
    try (CustintelStore broken = newStore("brk_")) {
      sql("DROP TABLE brk_processed_slack_events");
      handler = track(builder().store(broken).executor(Runnable::run).build());

      SlackResponse response = deliver(
          SlackEvents.reaction("Ev0111", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));

      assertThat(response.status()).isEqualTo(500);
      assertThat(slackWm.getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void executorRefuses_stillAcknowledged_theWorkWaitsInTheDatabase_andResumingRunsItOnce() {
    happyPath(606);
    handler = handler(task -> {
      throw new RejectedExecutionException("full");
    });
    String body = SlackEvents.reaction("Ev0112", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS);

    assertThat(deliver(body).status()).isEqualTo(200);
    assertThat(rows("ci_processed_slack_events")).isEqualTo(1);
    assertThat(rows("ci_slack_work")).isEqualTo(1);
    assertThat(deliver(body, "X-Slack-Retry-Num", "1").status()).isEqualTo(200);
    assertThat(rows("ci_slack_work")).isEqualTo(1);
    gorgiasWm.verify(0, postRequestedFor(urlPathEqualTo("/api/tickets")));

    handler = handler(Runnable::run);
    assertThat(handler.resumeWork()).isEqualTo(1);
    assertThat(handler.resumeWork()).isZero();

    gorgiasWm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).hasSize(1);
    assertThat(rows("ci_slack_work")).isZero();
  }

  @Test
  void ownExecutor_processesAfterTheAnswer_closeLeavesWhatDidNotStartForTheNextHandler() {
    SlackApi.postMessageOk(slackWm);
    SlackEventsHandler own = builder().build();
    handler = own;

    SlackResponse response = deliver(SlackEvents.mention("Ev0116", SlackEvents.AGENT, "<@UBOT0001> hi",
        "1772441980.000800", null));
    own.close();
    own.close();
    assertThat(response.status()).isEqualTo(200);
    // Answered before the close, or left in the database: either way, the next handler finishes it, once.
    assertThat(replies().size() + rows("ci_slack_work")).isEqualTo(1);

    handler(Runnable::run).resumeWork();

    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText()).isEqualTo(ANSWER));
    assertThat(rows("ci_slack_work")).isZero();
  }

  @Test
  void channelIdOf40Characters_acceptedAndItsTicketLinked() {
    String channel = "C" + "0123456789ABCDEFGHIJ".repeat(2).substring(1);
    assertThat(channel).hasSize(40);
    happyPath(608);

    SlackResponse response = deliver(SlackEvents.reaction("Ev0117", SlackEvents.AGENT, "ticket", channel, TS));

    assertThat(response.status()).isEqualTo(200);
    assertThat(handler.ticketLink(channel, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.externalId()).isEqualTo("slack:" + channel + ":" + TS);
    });
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("channel").asText()).isEqualTo(channel));
  }

  @Test
  void idsThatAreNotSlacks_400WithTheReason_nothingRecorded() {
    SlackApi.postMessageOk(slackWm);
    String tooLong = "C" + "A".repeat(255);
    SlackResponse longChannel = deliver(SlackEvents.reaction("Ev0118a", SlackEvents.AGENT, "ticket", tooLong, TS));
    SlackResponse lowerCase = deliver(SlackEvents.reaction("Ev0118b", SlackEvents.AGENT, "ticket", "c0support", TS));
    SlackResponse badTs = deliver(SlackEvents.reaction("Ev0118c", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL,
        "17724'41900"));
    SlackResponse longEventId = deliver(SlackEvents.reaction("Ev" + "1".repeat(300), SlackEvents.AGENT, "ticket",
        SlackEvents.CHANNEL, TS));

    assertThat(longChannel.status()).isEqualTo(400);
    assertThat(longChannel.body()).isEqualTo("item.channel is longer than 255 characters (256)");
    assertThat(lowerCase.status()).isEqualTo(400);
    assertThat(lowerCase.body()).isEqualTo("item.channel must be upper-case letters and digits");
    assertThat(badTs.status()).isEqualTo(400);
    assertThat(badTs.body()).isEqualTo("item.ts must be digits with one '.'");
    assertThat(longEventId.status()).isEqualTo(400);
    assertThat(longEventId.body()).isEqualTo("event_id is longer than 255 characters (302)");
    assertThat(rows("ci_processed_slack_events")).isZero();
    assertThat(rows("ci_slack_work")).isZero();
    assertThat(slackWm.getAllServeEvents()).isEmpty();
  }

  @Test
  void replyFails_theTicketIsStillLinked() {
    happyPath(607);
    SlackApi.fails(slackWm, "chat.postMessage", "not_in_channel");

    deliver(SlackEvents.reaction("Ev0113", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));

    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(
        link -> assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED));
    assertThat(CapturedLogs.lines()).anySatisfy(l -> assertThat(l).contains("Could not reply in Slack thread")
        .contains("not_in_channel"));
  }

  @Test
  void noSecret_inAnyLogLineMessageOrToString() {
    happyPath(608);
    GorgiasApi.createFails(gorgiasWm, 503);
    GorgiasApi.noTicketWithExternalId(gorgiasWm);
    SlackApi.rateLimited(slackWm, "chat.getPermalink", 120);
    long now = time.instant().getEpochSecond();
    String reaction = SlackEvents.reaction("Ev0114", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS);
    handler.handle(SlackSigner.signed(reaction, now, "wrong-secret"));
    deliver(reaction);
    deliver(SlackEvents.mention("Ev0115", SlackEvents.AGENT, "<@UBOT0001> hi", "1772441980.000700", null));

    List<String> texts = new ArrayList<>(CapturedLogs.lines());
    texts.add(handler.toString());
    texts.add(builder().toString());
    texts.add(slack.toString());
    texts.add(SlackWebClient.builder().botToken(BOT_TOKEN).toString());
    handler.ticketLink(SlackEvents.CHANNEL, TS).ifPresent(l -> texts.add(l.toString()));
    SlackApi.fails(slackWm, "chat.postMessage", "invalid_auth");
    for (RuntimeException e : List.of(
        caught(() -> slack.permalink(SlackEvents.CHANNEL, TS)),
        caught(() -> slack.postMessage(SlackEvents.CHANNEL, null, "hi")))) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        texts.add(t.toString());
      }
    }

    assertThat(CapturedLogs.lines()).anySatisfy(l -> assertThat(l).startsWith("DEBUG"))
        .anySatisfy(l -> assertThat(l).contains("retrying"));
    String basic = Base64.getEncoder().encodeToString((GORGIAS_EMAIL + ":" + GORGIAS_KEY)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(SECRET).doesNotContain(BOT_TOKEN)
        .doesNotContain(GORGIAS_KEY).doesNotContain(basic).doesNotContain("Authorization").doesNotContain("Bearer"));
  }

  private static RuntimeException caught(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}

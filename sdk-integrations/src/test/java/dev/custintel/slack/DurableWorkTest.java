package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custintel.core.spi.StoreAccess;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged work is in the database and survives the handler: a new handler on the same database (a restart)
 * finishes it, once, without reading the messages from Slack again, and a read held back by the client's own rate
 * limit never counts as an attempt. H2 and PostgreSQL, as every {@link SlackHandlerFixture}.
 */
class DurableWorkTest extends SlackHandlerFixture {
  private static final int PENDING = 12;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String ts(int i) {
    return "17724419" + String.format("%02d", i) + ".000100";
  }

  /** A handler that acknowledges and never runs anything: as if the process died right after each answer. */
  private SlackEventsHandler dyingHandler() {
    return handler(task -> {
      throw new RejectedExecutionException("the process is gone");
    });
  }

  @Test
  void manyAcknowledgedTickets_aRestartFinishesThemAll_onceEach_withoutReadingSlack() {
    happyPath(701);
    handler = dyingHandler();
    for (int i = 1; i <= PENDING; i++) {
      assertThat(deliver(SlackEvents.message("EvM" + i, ts(i), null, TEXT)).status()).isEqualTo(200);
      assertThat(deliver(SlackEvents.reaction("EvT" + i, SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, ts(i)))
          .status()).isEqualTo(200);
    }
    handler.close();
    assertThat(rows("ci_slack_work")).isEqualTo(PENDING);
    assertThat(rows("ci_slack_messages")).isEqualTo(PENDING);

    // The restart: a new handler, its message cache empty, and the client's read limit (1 a minute) untouched.
    handler = handler(Runnable::run);
    assertThat(handler.resumeWork()).isEqualTo(PENDING);

    for (int i = 1; i <= PENDING; i++) {
      assertThat(handler.ticketLink(SlackEvents.CHANNEL, ts(i))).hasValueSatisfying(link -> {
        assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
        assertThat(link.attempts()).isEqualTo(1);
      });
    }
    gorgiasWm.verify(PENDING, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(replies()).hasSize(PENDING).allSatisfy(r -> assertThat(r.path("text").asText())
        .startsWith(":ticket: Created"));
    slackWm.verify(0, getRequestedFor(urlPathEqualTo("/api/conversations.history")));
    assertThat(rows("ci_slack_work")).isZero();
    assertThat(rows("ci_slack_messages")).isZero(); // the tickets have the text now
    assertThat(handler.resumeWork()).isZero();
  }

  @Test
  void crashWhileCreating_afterTheLeaseTheSameItemTakesItsOwnClaimOver_findsTheTicket_makesNoSecond() {
    happyPath(720);
    GorgiasApi.ticketWithExternalId(gorgiasWm, 720, EXTERNAL_ID); // the dead run's create had reached Gorgias
    handler = dyingHandler();
    deliver(SlackEvents.message("EvC0", TS, null, TEXT));
    deliver(SlackEvents.reaction("EvC1", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));
    // The state a process leaves when it dies while creating: its run holds the item and the message's claim.
    Instant now = time.instant();
    StoreAccess.of(store).read("Simulating a dead run", h -> {
      h.createUpdate("UPDATE ci_slack_work SET state = 'RUNNING', owner = 'dead-process', lease_until = :lease,"
          + " runs = 1 WHERE event_id = 'EvC1'").bind("lease", at(now.plusSeconds(15))).execute();
      return h.createUpdate("INSERT INTO ci_slack_ticket_links (channel_id, message_ts, status, external_id,"
              + " attempts, claimed_by, claimed_at, created_at, updated_at)"
              + " VALUES (:c, :ts, 'PENDING', :ext, 1, 'EvC1', :now, :now, :now)")
          .bind("c", SlackEvents.CHANNEL).bind("ts", TS).bind("ext", EXTERNAL_ID).bind("now", at(now)).execute();
    });

    handler = handler(Runnable::run); // the restart
    assertThat(handler.resumeWork()).isZero(); // the lease still holds: the other run may be alive
    time.advance(Duration.ofSeconds(16));
    assertThat(handler.resumeWork()).isEqualTo(1);

    gorgiasWm.verify(0, postRequestedFor(urlPathEqualTo("/api/tickets")));
    gorgiasWm.verify(getRequestedFor(urlPathEqualTo("/api/tickets")).withQueryParam("external_id",
        equalTo(EXTERNAL_ID)));
    assertThat(handler.ticketLink(SlackEvents.CHANNEL, TS)).hasValueSatisfying(link -> {
      assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
      assertThat(link.ticketId()).isEqualTo(720L);
      assertThat(link.attempts()).isEqualTo(2);
    });
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText())
        .startsWith(":ticket: Created"));
    assertThat(rows("ci_slack_work")).isZero();
  }

  @Test
  void crashWhileClosing_theSameItemsNextRunClosesTheTicket_anotherCloseReactionDoesNot() {
    happyPath(721);
    deliver(SlackEvents.reaction("EvK0", SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, TS));
    handler = dyingHandler();
    deliver(SlackEvents.reaction("EvK1", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    // The dead run had claimed the close, and died before Gorgias closed the ticket.
    Instant now = time.instant();
    StoreAccess.of(store).read("Simulating a dead run", h -> {
      h.createUpdate("UPDATE ci_slack_work SET state = 'RUNNING', owner = 'dead-process', lease_until = :lease,"
          + " runs = 1 WHERE event_id = 'EvK1'").bind("lease", at(now.plusSeconds(15))).execute();
      return h.createUpdate("UPDATE ci_slack_ticket_links SET closed_at = :now, closed_by = 'EvK1'")
          .bind("now", at(now)).execute();
    });
    gorgiasWm.resetRequests();
    slackWm.resetRequests();

    handler = handler(Runnable::run);
    deliver(SlackEvents.reaction("EvK2", SlackEvents.AGENT, "white_check_mark", SlackEvents.CHANNEL, TS));
    gorgiasWm.verify(0, putRequestedFor(urlPathEqualTo("/api/tickets/721"))); // the close is claimed
    time.advance(Duration.ofSeconds(16));
    assertThat(handler.resumeWork()).isEqualTo(1);

    gorgiasWm.verify(1, putRequestedFor(urlPathEqualTo("/api/tickets/721")));
    assertThat(replies()).singleElement().satisfies(r -> assertThat(r.path("text").asText())
        .startsWith(":white_check_mark: Closed Gorgias ticket"));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Test
  void uncachedMessages_heldBackByTheReadLimit_allLinkedInTheEnd_noneGivenUp_noAttemptSpent() {
    happyPath(702);
    handler = dyingHandler();
    int messages = 4;
    for (int i = 1; i <= messages; i++) {
      deliver(SlackEvents.reaction("EvU" + i, SlackEvents.AGENT, "ticket", SlackEvents.CHANNEL, ts(i)));
    }
    handler.close();

    for (int i = 1; i <= messages; i++) {
      ObjectNode page = MAPPER.createObjectNode().put("ok", true).put("has_more", false);
      page.putArray("messages").addObject().put("type", "message").put("user", "UCUSTOMER").put("text", TEXT)
          .put("ts", ts(i));
      slackWm.stubFor(get(urlPathEqualTo("/api/conversations.history")).withQueryParam("latest", equalTo(ts(i)))
          .willReturn(okJson(page.toString())));
    }

    SlackApi.fails(slackWm, "conversations.replies", "thread_not_found");
    // The restart, with the client's read limit at its tightest: one conversations.history call a minute.
    handler = handler(Runnable::run);
    int rounds = 0;
    while (rows("ci_slack_work") > 0 && rounds++ < 3 * messages) {
      handler.resumeWork();
      time.advance(Duration.ofSeconds(61));
    }

    for (int i = 1; i <= messages; i++) {
      assertThat(handler.ticketLink(SlackEvents.CHANNEL, ts(i))).hasValueSatisfying(link -> {
        assertThat(link.status()).isEqualTo(TicketLinkStatus.LINKED);
        assertThat(link.attempts()).isEqualTo(1);
      });
    }
    assertThat(replies()).hasSize(messages).allSatisfy(r -> assertThat(r.path("text").asText())
        .startsWith(":ticket: Created"));
    gorgiasWm.verify(messages, postRequestedFor(urlPathEqualTo("/api/tickets")));
    slackWm.verify(messages, getRequestedFor(urlPathEqualTo("/api/conversations.history")));
  }
}

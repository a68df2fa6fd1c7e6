package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.FakeTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OperationsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private GorgiasClient client;

  @BeforeEach
  void setUp() {
    client = TestClients.builder(wm, new FakeTime()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void getTicket_mapsTheFieldsReadsDatetimesAsUtcAndIgnoresUnknownFields() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/42")).willReturn(okJson("""
        {"id": 42, "uri": "/api/tickets/42/", "external_id": "order-1001", "status": "open",
         "priority": "high", "channel": "email", "via": "helpdesk", "from_agent": false, "spam": true,
         "customer": {"id": 5, "email": "ada@example.com", "name": "Ada", "channels": [], "meta": {"vip": true}},
         "assignee_user": {"id": 3}, "language": "en", "subject": "Where is my parcel?",
         "tags": [{"id": 1, "name": "vip", "decoration": {"color": "#0693E3"}}, {"id": 2, "name": "Returns"}],
         "custom_fields": {}, "messages": [],
         "created_datetime": "2019-07-05T14:42:00.384938",
         "updated_datetime": "2019-07-05T15:00:00",
         "opened_datetime": "2019-07-05T16:00:00+02:00",
         "closed_datetime": null,
         "last_message_datetime": "2019-07-05T14:42:00Z",
         "last_received_message_datetime": "not a date",
         "satisfaction_survey": null, "something_new": {"nested": [1, 2, 3]}}
        """)));

    Ticket t = client.getTicket(42);

    assertThat(t.id()).isEqualTo(42);
    assertThat(t.externalId()).isEqualTo("order-1001");
    assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(t.channel()).isEqualTo("email");
    assertThat(t.via()).isEqualTo("helpdesk");
    assertThat(t.subject()).isEqualTo("Where is my parcel?");
    assertThat(t.spam()).isTrue();
    assertThat(t.tags()).containsExactly("vip", "Returns");
    assertThat(t.customer()).isEqualTo(new Customer(5, "ada@example.com", "Ada", null, null, null, null, null));
    assertThat(t.createdAt()).isEqualTo(Instant.parse("2019-07-05T14:42:00.384938Z"));
    assertThat(t.updatedAt()).isEqualTo(Instant.parse("2019-07-05T15:00:00Z"));
    assertThat(t.openedAt()).isEqualTo(Instant.parse("2019-07-05T14:00:00Z"));
    assertThat(t.closedAt()).isNull();
    assertThat(t.lastMessageAt()).isEqualTo(Instant.parse("2019-07-05T14:42:00Z"));
    assertThat(t.lastReceivedMessageAt()).isNull();
  }

  @Test
  void getTicket_statusWeDoNotKnow_readsAsUnknown() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/43")).willReturn(okJson(Json.ticket(43, "snoozed"))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/44")).willReturn(okJson("{\"id\": 44}")));

    assertThat(client.getTicket(43).status()).isEqualTo(TicketStatus.UNKNOWN);
    Ticket bare = client.getTicket(44);
    assertThat(bare.status()).isEqualTo(TicketStatus.UNKNOWN);
    assertThat(bare.tags()).isEmpty();
    assertThat(bare.customer()).isNull();
  }

  @Test
  void getTicketWithMessages_readsEveryPageOfTheMessagesEndpointOldestFirst() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7))));
    wm.stubFor(get(urlPathEqualTo("/api/messages")).withQueryParam("cursor", absent())
        .willReturn(okJson(Json.page("m2", Json.message(1, 7, "Hi"), Json.message(2, 7, "Still there?")))));
    wm.stubFor(get(urlPathEqualTo("/api/messages")).withQueryParam("cursor", equalTo("m2"))
        .willReturn(okJson(Json.page(null, """
            {"id": 3, "ticket_id": 7, "channel": "email", "via": "helpdesk", "from_agent": true, "public": false,
             "sender": {"id": 3, "email": "agent@shop.test", "name": "Agent"}, "receiver": {"email": "ada@example.com"},
             "subject": "Re: parcel", "body_text": "On it", "body_html": "<p>On it</p>", "external_id": "x-3",
             "created_datetime": "2019-07-05T15:00:00", "sent_datetime": "2019-07-05T15:00:01.5",
             "failed_datetime": null, "attachments": [], "source": {"type": "email"}}
            """))));

    TicketThread thread = client.getTicketWithMessages(7);

    assertThat(thread.ticket().id()).isEqualTo(7);
    assertThat(thread.messages()).extracting(TicketMessage::id).containsExactly(1L, 2L, 3L);
    TicketMessage first = thread.messages().get(0);
    assertThat(first.ticketId()).isEqualTo(7);
    assertThat(first.bodyText()).isEqualTo("Hi");
    assertThat(first.fromAgent()).isFalse();
    assertThat(first.sender()).isEqualTo(new Participant(5L, "ada@example.com", null));
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2019-07-05T14:43:00Z"));
    TicketMessage reply = thread.messages().get(2);
    assertThat(reply.fromAgent()).isTrue();
    assertThat(reply.isPublic()).isFalse();
    assertThat(reply.receiver()).isEqualTo(new Participant(null, "ada@example.com", null));
    assertThat(reply.bodyHtml()).isEqualTo("<p>On it</p>");
    assertThat(reply.sentAt()).isEqualTo(Instant.parse("2019-07-05T15:00:01.500Z"));
    assertThat(reply.failedAt()).isNull();
    wm.verify(2, getRequestedFor(urlPathEqualTo("/api/messages"))
        .withQueryParam("ticket_id", equalTo("7"))
        .withQueryParam("limit", equalTo("100"))
        .withQueryParam("order_by", equalTo("created_datetime:asc")));
  }

  @Test
  void createTicket_sendsTheApiChannelRecipeWithExternalIdAndSentTime() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(Json.ticket(31))));

    Ticket created = client.createTicket(CreateTicketRequest.builder()
        .externalId("slack:C1:1712345678.000200")
        .customerEmail("ada@example.com")
        .customerName("Ada Lovelace")
        .subject("Parcel damaged")
        .bodyText("The parcel arrived damaged.")
        .bodyHtml("<p>The parcel arrived damaged.</p>")
        .tag("slack").tag("returns").tag("slack")
        .build());

    assertThat(created.id()).isEqualTo(31);
    wm.verify(postRequestedFor(urlPathEqualTo("/api/tickets"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"external_id": "slack:C1:1712345678.000200", "channel": "api", "via": "api", "from_agent": false,
             "subject": "Parcel damaged",
             "tags": [{"name": "slack"}, {"name": "returns"}],
             "messages": [{"channel": "api", "via": "api", "from_agent": false,
                           "sender": {"email": "ada@example.com", "name": "Ada Lovelace"},
                           "subject": "Parcel damaged",
                           "body_text": "The parcel arrived damaged.",
                           "body_html": "<p>The parcel arrived damaged.</p>",
                           "sent_datetime": "2026-03-02T09:00:00Z"}]}
            """)));
  }

  @Test
  void createTicket_minimalRequestWithSentTime_sendsOnlyWhatWasGiven() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201).withBody(Json.ticket(32))));

    client.createTicket(CreateTicketRequest.builder().externalId("e-2").customerEmail("bob@example.com")
        .bodyText("Hi").sentAt(Instant.parse("2024-05-01T10:15:30.5Z")).build());

    wm.verify(postRequestedFor(urlPathEqualTo("/api/tickets")).withRequestBody(equalToJson("""
        {"external_id": "e-2", "channel": "api", "via": "api", "from_agent": false,
         "messages": [{"channel": "api", "via": "api", "from_agent": false, "sender": {"email": "bob@example.com"},
                       "body_text": "Hi", "sent_datetime": "2024-05-01T10:15:30.5Z"}]}
        """)));
  }

  @Test
  void closeAndReopen_putOnlyTheStatus() {
    wm.stubFor(put(urlPathEqualTo("/api/tickets/7")).withRequestBody(equalToJson("{\"status\":\"closed\"}"))
        .willReturn(okJson(Json.ticket(7, "closed"))));
    wm.stubFor(put(urlPathEqualTo("/api/tickets/7")).withRequestBody(equalToJson("{\"status\":\"open\"}"))
        .willReturn(okJson(Json.ticket(7, "open"))));

    assertThat(client.closeTicket(7).status()).isEqualTo(TicketStatus.CLOSED);
    assertThat(client.reopenTicket(7).status()).isEqualTo(TicketStatus.OPEN);
    wm.verify(2, putRequestedFor(urlPathEqualTo("/api/tickets/7")));
  }

  @Test
  void closeTicket_answerWithoutBody_readsTheTicket() {
    wm.stubFor(put(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(202)));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7, "closed"))));

    assertThat(client.closeTicket(7).status()).isEqualTo(TicketStatus.CLOSED);
    wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
  }

  @Test
  void addTags_postsTheNamesOnce() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets/7/tags")).willReturn(aResponse().withStatus(201)));

    client.addTags(7, List.of("vip", "returns", "vip"));

    wm.verify(postRequestedFor(urlPathEqualTo("/api/tickets/7/tags"))
        .withRequestBody(equalToJson("{\"names\": [\"vip\", \"returns\"]}")));
  }

  @Test
  void findCustomerByEmail_returnsTheCustomerWithThatAddress() {
    wm.stubFor(get(urlPathEqualTo("/api/customers")).withQueryParam("email", equalTo("Ada@Example.com"))
        .willReturn(okJson(Json.page(null, Json.customer(5, "ada@example.com")))));
    wm.stubFor(get(urlPathEqualTo("/api/customers")).withQueryParam("email", equalTo("nobody@example.com"))
        .willReturn(okJson(Json.page(null))));

    Customer ada = client.findCustomerByEmail("Ada@Example.com").orElseThrow();

    assertThat(ada).isEqualTo(new Customer(5, "ada@example.com", "Ada Lovelace", "Ada", "Lovelace", "C-42",
        Instant.parse("2020-01-02T03:04:05Z"), null));
    assertThat(client.findCustomerByEmail("nobody@example.com")).isEmpty();
  }
}

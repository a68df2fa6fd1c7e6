package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.core.CustintelException;
import dev.custintel.gorgias.testing.FakeTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;
  private GorgiasClient client;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
    client = TestClients.builder(wm, time).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static CreateTicketRequest request() {
    return CreateTicketRequest.builder()
        .externalId("ext-1").customerEmail("ada@example.com").bodyText("Parcel damaged").build();
  }

  @Test
  void createTicket_400WithFieldErrors_throwsValidationWithTheFieldsAndDoesNotRetry() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"msg\":\"Failed to create ticket\",\"data\":{\"sender\":[\"Missing data for"
            + " required field.\"],\"channel\":[\"Missing data for required field.\"]}}}")));

    assertThatThrownBy(() -> client.createTicket(request()))
        .isInstanceOfSatisfying(GorgiasValidationException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.apiMessage()).isEqualTo("Failed to create ticket");
          assertThat(e.fieldErrors()).containsExactlyInAnyOrderEntriesOf(Map.of(
              "sender", List.of("Missing data for required field."),
              "channel", List.of("Missing data for required field.")));
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).isEqualTo("Gorgias rejected tickets.create (400): Failed to create ticket"
              + " [channel: Missing data for required field.; sender: Missing data for required field.]."
              + " Fix the request; sending it unchanged fails again.");
        });
    wm.verify(1, postRequestedFor(urlPathEqualTo("/api/tickets")));
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/api/tickets")))).isEmpty();
  }

  @Test
  void createTicket_400WithNestedFieldErrors_namesThemWithDottedPaths() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"msg\":\"Invalid\",\"data\":{\"messages\":{\"0\":{\"sender\":[\"Unknown.\"]}},"
            + "\"customer\":[{\"email\":[\"Not an email.\"]}]}}}")));

    assertThatThrownBy(() -> client.createTicket(request()))
        .isInstanceOfSatisfying(GorgiasValidationException.class, e ->
            assertThat(e.fieldErrors()).containsOnlyKeys("messages.0.sender", "customer.0.email"));
  }

  @Test
  void getTicket_401_throwsAuthErrorSayingTheCredentialsWereRefused() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client.getTicket(7))
        .isInstanceOfSatisfying(GorgiasAuthException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.credentialsRejected()).isTrue();
          assertThat(e.getMessage()).contains("Check the account email and API key");
        });
    wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
  }

  @Test
  void getTicket_403_throwsAuthErrorSayingThePermissionIsMissing() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(aResponse().withStatus(403)
        .withBody("{\"error\":{\"msg\":\"Forbidden\"}}")));

    assertThatThrownBy(() -> client.getTicket(7))
        .isInstanceOfSatisfying(GorgiasAuthException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.credentialsRejected()).isFalse();
          assertThat(e.apiMessage()).isEqualTo("Forbidden");
        });
  }

  @Test
  void getTicket_404_throwsNotFoundNamingTheTicket() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/404404")).willReturn(aResponse().withStatus(404)
        .withBody("{\"error\":{\"msg\":\"Resource not found.\"}}")));

    assertThatThrownBy(() -> client.getTicket(404404))
        .isInstanceOf(CustintelException.class)
        .isInstanceOfSatisfying(GorgiasNotFoundException.class, e -> {
          assertThat(e.entity()).isEqualTo("ticket");
          assertThat(e.id()).isEqualTo("404404");
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).isEqualTo("Gorgias has no ticket with id 404404 (tickets.get, 404: Resource not"
              + " found.). Check the id; the ticket may have been deleted.");
        });
    wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/404404")));
  }

  @Test
  void listTickets_404_namesTheViewAndCustomerTheQueryNamed() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> client.listTickets(TicketQuery.builder().viewId(12).customerId(5).build()))
        .isInstanceOfSatisfying(GorgiasNotFoundException.class, e ->
            assertThat(e.id()).isEqualTo("view 12, customer 5"));
    assertThatThrownBy(() -> client.listTickets(TicketQuery.all()))
        .isInstanceOfSatisfying(GorgiasNotFoundException.class, e -> assertThat(e.id()).isEqualTo("(none named)"));
  }

  @Test
  void getTicketWithMessages_404_throwsNotFoundBeforeReadingMessages() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/8")).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> client.getTicketWithMessages(8)).isInstanceOf(GorgiasNotFoundException.class);
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/api/messages")))).isEmpty();
  }

  @Test
  void otherStatus_throwsTheBaseTypeWithTheStatusAndNoRetry() {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(409)
        .withBody("{\"error\":\"Conflict\"}")));

    assertThatThrownBy(() -> client.createTicket(request()))
        .isExactlyInstanceOf(GorgiasException.class)
        .satisfies(e -> {
          GorgiasException g = (GorgiasException) e;
          assertThat(g.status()).isEqualTo(409);
          assertThat(g.apiMessage()).isEqualTo("Conflict");
          assertThat(g.responseBody()).isEqualTo("{\"error\":\"Conflict\"}");
          assertThat(g.retryable()).isFalse();
        });
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void successWithABodyThatIsNotATicket_throwsUnreadableResponse() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson("{\"ticket\":\"seven\"}")));
    wm.stubFor(get(urlPathEqualTo("/api/tickets/8")).willReturn(okJson("<html>maintenance</html>")));

    assertThatThrownBy(() -> client.getTicket(7))
        .isInstanceOf(GorgiasException.class)
        .hasMessageContaining("cannot read: a ticket has no numeric 'id'");
    assertThatThrownBy(() -> client.getTicket(8))
        .isInstanceOf(GorgiasException.class)
        .hasMessageContaining("the body is not JSON");
  }

  @Test
  void closedClient_refusesCalls() {
    client.close();
    client.close();

    assertThatThrownBy(() -> client.getTicket(7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("This GorgiasClient is closed; build a new one.");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}

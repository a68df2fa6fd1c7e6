package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.testing.FakeTime;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InputValidationTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private GorgiasClient client;

  @BeforeEach
  void setUp() {
    client = TestClients.builder(wm, new FakeTime()).build();
  }

  @AfterEach
  void noRequestWasSent() {
    client.close();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  private static void assertInvalid(ThrowingCallable call, String field, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).contains(reason);
    });
  }

  /** The project's convention: a null argument is a programming error, reported as an NPE naming the parameter. */
  private static void assertNullRejected(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  private static CreateTicketRequest.Builder valid() {
    return CreateTicketRequest.builder().externalId("e-1").customerEmail("ada@example.com").bodyText("Hello");
  }

  @Test
  void ticketIds_notPositive_rejectedBeforeAnyRequest() {
    assertInvalid(() -> client.getTicket(0), "ticketId", "positive");
    assertInvalid(() -> client.getTicketWithMessages(-3), "ticketId", "(was -3)");
    assertInvalid(() -> client.closeTicket(0), "ticketId", "positive");
    assertInvalid(() -> client.reopenTicket(-1), "ticketId", "positive");
    assertInvalid(() -> client.addTags(0, List.of("a")), "ticketId", "positive");
  }

  @Test
  void ticketQuery_limitOutside1To100_rejected() {
    assertInvalid(() -> TicketQuery.builder().limit(0), "limit", "between 1 and 100 (was 0)");
    assertInvalid(() -> TicketQuery.builder().limit(101), "limit", "between 1 and 100 (was 101)");
    assertInvalid(() -> new TicketQuery(null, null, null, null, java.util.Set.of(), null, 500, null), "limit",
        "(was 500)");
  }

  @Test
  void ticketQuery_badFilters_rejected() {
    assertInvalid(() -> TicketQuery.builder().externalId(" "), "externalId", "must not be blank");
    assertInvalid(() -> TicketQuery.builder().externalId("x".repeat(256)), "externalId", "at most 255");
    assertInvalid(() -> TicketQuery.builder().customerId(0), "customerId", "positive");
    assertInvalid(() -> TicketQuery.builder().viewId(-1), "viewId", "positive");
    assertInvalid(() -> TicketQuery.builder().tag(""), "tags", "must not be blank");
    assertInvalid(() -> TicketQuery.builder().status(TicketStatus.UNKNOWN).build(), "status", "OPEN or CLOSED");
    assertInvalid(() -> TicketQuery.builder().cursor(" ").build(), "cursor", "must not be blank");
    assertNullRejected(() -> client.listTickets(null), "query");
    assertNullRejected(() -> client.streamTickets(null), "query");
  }

  @Test
  void createTicketRequest_missingOrBadFields_rejected() {
    assertInvalid(() -> valid().bodyText("  ").build(), "bodyText", "must not be blank");
    assertInvalid(() -> CreateTicketRequest.builder().externalId("e").customerEmail("a@b.c").build(), "bodyText",
        "is required");
    assertInvalid(() -> CreateTicketRequest.builder().customerEmail("a@b.c").bodyText("x").build(), "externalId",
        "is required");
    assertInvalid(() -> valid().externalId("").build(), "externalId", "must not be blank");
    assertInvalid(() -> valid().externalId("x".repeat(256)).build(), "externalId", "at most 255 characters");
    assertInvalid(() -> valid().customerEmail("ada.example.com").build(), "customerEmail", "email address");
    assertInvalid(() -> valid().customerEmail("ada @example.com").build(), "customerEmail", "email address");
    assertInvalid(() -> valid().tag("x".repeat(257)).build(), "tags", "at most 256");
    assertInvalid(() -> valid().bodyHtml("").build(), "bodyHtml", "must not be blank");
    assertInvalid(() -> valid().subject(" ").build(), "subject", "must not be blank");
    assertInvalid(() -> valid().customerName("").build(), "customerName", "must not be blank");
    assertNullRejected(() -> client.createTicket(null), "request");
  }

  @Test
  void addTags_emptyOrBlankNames_rejected() {
    assertInvalid(() -> client.addTags(7, List.of()), "tagNames", "at least one");
    assertInvalid(() -> client.addTags(7, List.of("ok", " ")), "tagNames", "must not be blank");
    assertNullRejected(() -> client.addTags(7, Arrays.asList("ok", null)), "tagNames");
    assertNullRejected(() -> client.addTags(7, null), "tagNames");
  }

  @Test
  void findCustomerByEmail_blankOrNotAnEmail_rejected() {
    assertInvalid(() -> client.findCustomerByEmail(""), "email", "must not be blank");
    assertNullRejected(() -> client.findCustomerByEmail(null), "email");
    assertInvalid(() -> client.findCustomerByEmail("@example.com"), "email", "email address");
    assertInvalid(() -> client.findCustomerByEmail("ada@"), "email", "email address");
    assertInvalid(() -> client.findCustomerByEmail("a@b@c"), "email", "email address");
  }
}

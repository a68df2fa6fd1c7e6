package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.FakeTime;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TicketPaginationTest {
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

  private void stubThreePages() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", absent())
        .willReturn(okJson(Json.page("c2", Json.ticket(1), Json.ticket(2, "closed", "vip")))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", equalTo("c2"))
        .willReturn(okJson(Json.page("c3", Json.ticket(3, "closed"), Json.ticket(4, "closed")))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", equalTo("c3"))
        .willReturn(okJson(Json.page(null, Json.ticket(5, "open", "vip", "returns")))));
  }

  private int requests() {
    return wm.getAllServeEvents().size();
  }

  @Test
  void streamTickets_threePages_requestsEachPageOnlyWhenReachedAndStopsAtNullCursor() {
    stubThreePages();

    Iterator<Ticket> it = client.streamTickets(TicketQuery.builder().limit(2).build()).iterator();
    assertThat(requests()).isZero();

    assertThat(it.next().id()).isEqualTo(1);
    assertThat(requests()).isEqualTo(1);
    assertThat(it.next().id()).isEqualTo(2);
    assertThat(requests()).isEqualTo(1);
    assertThat(it.next().id()).isEqualTo(3);
    assertThat(requests()).isEqualTo(2);
    assertThat(it.next().id()).isEqualTo(4);
    assertThat(it.next().id()).isEqualTo(5);
    assertThat(requests()).isEqualTo(3);
    assertThat(it.hasNext()).isFalse();
    assertThat(requests()).isEqualTo(3);
    wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tickets")).withQueryParam("limit", equalTo("2")));
  }

  @Test
  void streamTickets_limitedStream_readsOnlyThePagesItNeeds() {
    stubThreePages();

    List<Long> ids = client.streamTickets(TicketQuery.builder().limit(2).build()).limit(3).map(Ticket::id).toList();

    assertThat(ids).containsExactly(1L, 2L, 3L);
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void streamTickets_statusAndTagFilters_appliedWhilePagingPastPagesWithNoMatch() {
    stubThreePages();

    List<Long> openVip = client.streamTickets(
            TicketQuery.builder().status(TicketStatus.OPEN).tag("vip").limit(2).build())
        .map(Ticket::id).toList();

    // Page 1 has an open ticket without the tag and a vip ticket that is closed; page 2 has no match at all.
    assertThat(openVip).containsExactly(5L);
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void listTickets_onePage_sendsTheServerSideFiltersAndReturnsTheCursor() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets"))
        .willReturn(okJson(Json.page("next-1", Json.ticket(1), Json.ticket(2, "closed")))));

    GorgiasPage<Ticket> page = client.listTickets(TicketQuery.builder()
        .customerId(5).viewId(12).externalId("ext-1").order(TicketOrder.UPDATED_DESC).limit(100).cursor("c0")
        .status(TicketStatus.CLOSED)
        .build());

    assertThat(page.items()).extracting(Ticket::id).containsExactly(2L);
    assertThat(page.nextCursor()).isEqualTo("next-1");
    assertThat(page.hasNext()).isTrue();
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets"))
        .withQueryParam("limit", equalTo("100"))
        .withQueryParam("cursor", equalTo("c0"))
        .withQueryParam("order_by", equalTo("updated_datetime:desc"))
        .withQueryParam("customer_id", equalTo("5"))
        .withQueryParam("view_id", equalTo("12"))
        .withQueryParam("external_id", equalTo("ext-1"))
        .withQueryParam("status", absent()));
  }

  @Test
  void listTickets_defaults_sendsTheApiDefaultPageSizeAndNoOrder() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).willReturn(okJson(Json.page(null))));

    GorgiasPage<Ticket> page = client.listTickets(TicketQuery.all());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    wm.verify(getRequestedFor(urlPathEqualTo("/api/tickets"))
        .withQueryParam("limit", equalTo("30"))
        .withQueryParam("order_by", absent())
        .withQueryParam("cursor", absent()));
  }

  @Test
  void streamTickets_serverRepeatsTheCursor_stopsWithAnError() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", absent())
        .willReturn(okJson(Json.page("same", Json.ticket(1)))));
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", equalTo("same"))
        .willReturn(okJson(Json.page("same", Json.ticket(2)))));

    Iterator<Ticket> it = client.streamTickets(TicketQuery.all()).iterator();
    it.next();

    org.assertj.core.api.Assertions.assertThatThrownBy(it::next)
        .isInstanceOf(GorgiasException.class)
        .hasMessageContaining("same cursor");
  }
}

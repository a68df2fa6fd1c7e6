package dev.custintel.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Stubs of the Gorgias endpoints the Slack helpers use, with answers shaped as Gorgias documents them. */
final class GorgiasApi {
  private GorgiasApi() {}

  static String ticket(long id, String externalId, String status) {
    return "{\"id\":" + id + ",\"uri\":\"/api/tickets/" + id + "/\",\"external_id\":\"" + externalId + "\","
        + "\"status\":\"" + status + "\",\"channel\":\"api\",\"via\":\"api\",\"subject\":\"From Slack\","
        + "\"customer\":{\"id\":5,\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"},"
        + "\"tags\":[{\"id\":1,\"name\":\"slack\"}],\"spam\":false,\"created_datetime\":\"2026-03-02T09:00:00\"}";
  }

  static String page(String... items) {
    return "{\"object\":\"list\",\"data\":[" + String.join(",", items) + "],"
        + "\"meta\":{\"prev_cursor\":null,\"next_cursor\":null}}";
  }

  static void customer(WireMockExtension wm, String email, String name) {
    wm.stubFor(get(urlPathEqualTo("/api/customers")).withQueryParam("email", equalTo(email)).willReturn(okJson(
        page("{\"id\":5,\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"firstname\":\"Ada\","
            + "\"lastname\":\"Lovelace\",\"created_datetime\":\"2020-01-02T03:04:05\"}"))));
  }

  static void createsTicket(WireMockExtension wm, long id, String externalId) {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(ticket(id, externalId, "open"))));
  }

  static void createFails(WireMockExtension wm, int status) {
    wm.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(status)));
  }

  static void noTicketWithExternalId(WireMockExtension wm) {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", matching(".+"))
        .willReturn(okJson(page())));
  }

  static void ticketWithExternalId(WireMockExtension wm, long id, String externalId) {
    wm.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("external_id", equalTo(externalId))
        .willReturn(okJson(page(ticket(id, externalId, "open")))));
  }

  static void closesTicket(WireMockExtension wm, long id, String externalId) {
    wm.stubFor(put(urlPathEqualTo("/api/tickets/" + id)).willReturn(okJson(ticket(id, externalId, "closed"))));
  }
}

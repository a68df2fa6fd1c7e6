package dev.custintel.gorgias;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.gorgias.testing.FakeTime;
import java.util.Base64;

/** Credentials and a client builder pointed at the test's WireMock server. */
final class TestClients {
  static final String EMAIL = "agent@shop.test";
  static final String API_KEY = "gk_live_7Hq2SECRETk9Zx";
  static final String BASIC_CREDENTIALS = Base64.getEncoder().encodeToString((EMAIL + ":" + API_KEY).getBytes(UTF_8));

  private TestClients() {}

  /** A client on WireMock with an API key, the fake clock and sleeper, default limits and retries. */
  static GorgiasClient.Builder builder(WireMockExtension wm, FakeTime time) {
    return GorgiasClient.builder().baseUrl(wm.baseUrl()).basicAuth(EMAIL, API_KEY).clock(time).sleeper(time);
  }
}

package dev.custintel.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.core.InvalidInputException;
import dev.custintel.gorgias.testing.FakeTime;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GorgiasClientBuilderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

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

  @Test
  void build_withoutAccountOrCredentials_saysWhatIsMissing() {
    assertInvalid(() -> GorgiasClient.builder().basicAuth("a@b.c", "k").build(), "account", "subdomain or baseUrl");
    assertInvalid(() -> GorgiasClient.builder().subdomain("acme").build(), "credentials", "basicAuth or bearerToken");
  }

  @Test
  void accountAndCredentials_givenTwice_rejected() {
    assertInvalid(() -> GorgiasClient.builder().subdomain("acme").baseUrl("https://proxy.example.com"), "baseUrl",
        "already set to https://acme.gorgias.com/");
    assertInvalid(() -> GorgiasClient.builder().basicAuth("a@b.c", "k").bearerToken(() -> "t"), "credentials",
        "already set (basic (redacted))");
  }

  @Test
  void account_badValues_rejected() {
    assertInvalid(() -> GorgiasClient.builder().subdomain("Acme"), "subdomain", "lower-case");
    assertInvalid(() -> GorgiasClient.builder().subdomain("acme.evil.com"), "subdomain", "lower-case");
    assertInvalid(() -> GorgiasClient.builder().subdomain(" "), "subdomain", "must not be blank");
    assertInvalid(() -> GorgiasClient.builder().baseUrl("ftp://x"), "baseUrl", "http or https");
    assertInvalid(() -> GorgiasClient.builder().baseUrl("http://acme.gorgias.com"), "baseUrl", "must use https");
    assertInvalid(() -> GorgiasClient.builder().basicAuth("not-an-email", "k"), "accountEmail", "email");
    assertInvalid(() -> GorgiasClient.builder().basicAuth("a@b.c", ""), "apiKey", "must not be blank");
    assertNullRejected(() -> GorgiasClient.builder().bearerToken(null), "bearerToken");
  }

  @Test
  void limits_outOfRange_rejected() {
    assertInvalid(() -> GorgiasClient.builder().maxRetries(11), "maxRetries", "between 0 and 10");
    assertInvalid(() -> GorgiasClient.builder().rateLimit(0, Duration.ofSeconds(20)), "rateLimit.requests", "(was 0)");
    assertInvalid(() -> GorgiasClient.builder().rateLimit(40, Duration.ZERO), "rateLimit.window", "positive");
    assertInvalid(() -> GorgiasClient.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "backoff.max",
        "at least backoff.initial");
    assertInvalid(() -> GorgiasClient.builder().connectTimeout(Duration.ofSeconds(-1)), "connectTimeout", "positive");
    assertInvalid(() -> GorgiasClient.builder().readTimeout(Duration.ZERO), "readTimeout", "positive");
    assertNullRejected(() -> GorgiasClient.builder().callTimeout(null), "callTimeout");
    assertInvalid(() -> GorgiasClient.builder().maxRetryAfter(Duration.ZERO), "maxRetryAfter", "positive");
    assertNullRejected(() -> GorgiasClient.builder().meterRegistry(null), "meterRegistry");
    assertNullRejected(() -> GorgiasClient.builder().clock(null), "clock");
    assertNullRejected(() -> GorgiasClient.builder().sleeper(null), "sleeper");
    assertNullRejected(() -> GorgiasClient.builder().httpClient(null), "httpClient");
  }

  @Test
  void httpClient_injected_isSharedAndLeftRunningOnClose() {
    wm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(Json.ticket(7))));
    OkHttpClient shared = new OkHttpClient();
    FakeTime time = new FakeTime();

    try (GorgiasClient client = TestClients.builder(wm, time).httpClient(shared)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(9))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
        .build()) {
      client.getTicket(7);
    }

    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    shared.connectionPool().evictAll();
  }
}

package dev.custintel.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.custintel.CustomerIntelligence;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.gorgias.Ticket;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackWebClient;
import dev.custintel.spring.internal.slack.SlackEventsController;
import dev.custintel.spring.internal.slack.SlackJobs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * When {@link CustintelIntegrationsAutoConfiguration} makes the Gorgias client and the Slack endpoint's beans, when
 * it backs off, and how a start with missing settings fails: the message names the property and never shows a key.
 * The Slack beans need the facade: an in-memory H2 one here (no request touches its tables in these tests; the
 * endpoint's database work is {@code SlackEventsEndpointTest}'s, on H2 and PostgreSQL).
 */
class IntegrationsAutoConfigurationTest {
  private static final String KEY = "gk_live_N3VER-LOGGED_k3y";
  private static final String EMAIL = "agent@shop.test";
  private static final String SECRET = "signing-5ecret-never-shown";
  private static final String TOKEN = "xoxb-1772-T0KEN-never-shown";

  @RegisterExtension
  static WireMockExtension gorgiasWm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CustintelIntegrationsAutoConfiguration.class));

  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CustintelIntegrationsAutoConfiguration.class))
      .withBean(CustomerIntelligence.class, () -> CustomerIntelligence.builder().inMemory("integrations-config").build());

  @Test
  void gorgiasClient_noAccount_absent() {
    runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GorgiasClient.class));
    runner.withPropertyValues("custintel.gorgias.subdomain=", "custintel.gorgias.base-url= ",
        "custintel.gorgias.email=" + EMAIL, "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GorgiasClient.class));
  }

  @Test
  void gorgiasClient_subdomain_present() {
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasSingleBean(GorgiasClient.class));
  }

  @Test
  void gorgiasClient_baseUrl_callsItWithBasicAuthAndIsClosedWithTheContext() {
    gorgiasWm.stubFor(get(urlPathEqualTo("/api/tickets/7")).willReturn(okJson(
        "{\"id\":7,\"uri\":\"/api/tickets/7/\",\"external_id\":\"x-7\",\"status\":\"open\",\"channel\":\"api\","
            + "\"via\":\"api\",\"subject\":\"Damaged parcel\",\"customer\":{\"id\":5,\"email\":\"ada@example.com\","
            + "\"name\":\"Ada\"},\"tags\":[],\"spam\":false,\"created_datetime\":\"2026-03-02T09:00:00\"}")));
    AtomicReference<GorgiasClient> client = new AtomicReference<>();
    // Both set: the calls go to the base URL (the subdomain would only make ticket links).
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.base-url=" + gorgiasWm.baseUrl(),
        "custintel.gorgias.email=" + EMAIL, "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(GorgiasClient.class);
          client.set(ctx.getBean(GorgiasClient.class));
          Ticket t = client.get().getTicket(7);
          assertThat(t.subject()).isEqualTo("Damaged parcel");
        });
    String basic = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + KEY).getBytes(StandardCharsets.UTF_8));
    gorgiasWm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/7")).withHeader("Authorization", equalTo(basic)));
    assertThatThrownBy(() -> client.get().getTicket(7)).as("closed with the context").isInstanceOf(RuntimeException.class);
    gorgiasWm.verify(1, getRequestedFor(urlPathEqualTo("/api/tickets/7")));
  }

  @Test
  void gorgiasClient_baseUrlInCamelCase_presentAsBound() {
    runner.withPropertyValues("custintel.gorgias.baseUrl=" + gorgiasWm.baseUrl(), "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.apiKey=" + KEY)
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(GorgiasClient.class));
  }

  @Test
  void gorgiasClient_userBean_backsOff() {
    GorgiasClient own = GorgiasClient.builder().subdomain("own").basicAuth("own@shop.test", "own-key").build();
    runner.withBean("ownGorgias", GorgiasClient.class, () -> own)
        .withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
            "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(GorgiasClient.class);
          assertThat(ctx.getBean(GorgiasClient.class)).isSameAs(own);
          assertThat(ctx).doesNotHaveBean("custintelGorgiasClient");
        });
  }

  @Test
  void gorgiasClient_missingEmail_failsNamingIt() {
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure()
            .rootCause().isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("custintel.gorgias.email")
            .hasMessageNotContaining(KEY));
  }

  @Test
  void gorgiasClient_missingOrBlankApiKey_failsNamingIt() {
    runner.withPropertyValues("custintel.gorgias.base-url=http://127.0.0.1:9", "custintel.gorgias.email=" + EMAIL)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageContaining("custintel.gorgias.api-key"));
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=  ")
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageContaining("custintel.gorgias.api-key"));
  }

  @Test
  void gorgiasClient_invalidValues_failNamingTheProperty() {
    runner.withPropertyValues("custintel.gorgias.subdomain=Not A Subdomain", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.gorgias.subdomain: ").hasMessageNotContaining(KEY));
    runner.withPropertyValues("custintel.gorgias.base-url=http://gorgias.example.com", "custintel.gorgias.email="
        + EMAIL, "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.gorgias.base-url: ").hasMessageContaining("https")
            .hasMessageNotContaining(KEY));
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=not-an-address",
        "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.gorgias.email: ").hasMessageNotContaining(KEY));
    runner.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + "k".repeat(1_001))
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.gorgias.api-key: ").hasMessageNotContaining("kkkk"));
  }

  @Test
  void gorgiasClient_starterOff_absent() {
    runner.withPropertyValues("custintel.enabled=false", "custintel.gorgias.subdomain=acme",
        "custintel.gorgias.email=" + EMAIL, "custintel.gorgias.api-key=" + KEY)
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GorgiasClient.class));
  }

  private WebApplicationContextRunner slackReady() {
    return web.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + KEY, "custintel.slack.signing-secret=" + SECRET,
        "custintel.slack.bot-token=" + TOKEN);
  }

  @Test
  void slackEndpoint_signingSecret_everyBeanPresent() {
    slackReady().run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).hasSingleBean(SlackWebClient.class).hasSingleBean(SlackEventsHandler.class)
          .hasSingleBean(SlackJobs.class).hasSingleBean(SlackEventsController.class);
    });
  }

  @Test
  void slackEndpoint_noSigningSecret_absent() {
    web.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + KEY, "custintel.slack.bot-token=" + TOKEN, "custintel.slack.signing-secret=")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(GorgiasClient.class);
          assertThat(ctx).doesNotHaveBean(SlackEventsHandler.class).doesNotHaveBean(SlackEventsController.class)
              .doesNotHaveBean(SlackWebClient.class);
        });
  }

  @Test
  void slackEndpoint_notAWebApplication_absent() {
    runner.withBean(CustomerIntelligence.class, () -> CustomerIntelligence.builder().inMemory("not-web").build())
        .withPropertyValues("custintel.slack.signing-secret=" + SECRET, "custintel.slack.bot-token=" + TOKEN)
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SlackEventsHandler.class));
  }

  @Test
  void slackEndpoint_noGorgias_failsNamingTheGorgiasSettings() {
    web.withPropertyValues("custintel.slack.signing-secret=" + SECRET, "custintel.slack.bot-token=" + TOKEN)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("custintel.gorgias.subdomain").hasMessageContaining("custintel.gorgias.api-key")
            .hasMessageNotContaining(SECRET).hasMessageNotContaining(TOKEN));
  }

  @Test
  void slackEndpoint_noBotToken_failsNamingIt() {
    web.withPropertyValues("custintel.gorgias.subdomain=acme", "custintel.gorgias.email=" + EMAIL,
        "custintel.gorgias.api-key=" + KEY, "custintel.slack.signing-secret=" + SECRET)
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageContaining("custintel.slack.bot-token").hasMessageNotContaining(SECRET));
    slackReady().withPropertyValues("custintel.slack.bot-token=xoxb-" + "t".repeat(500))
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.slack.bot-token: ").hasMessageNotContaining("tttt"));
  }

  @Test
  void slackEndpoint_badApiUrl_failsNamingIt() {
    slackReady().withPropertyValues("custintel.slack.api-url=http://slack.example.com/api/")
        .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("Invalid custintel.slack.api-url: ").hasMessageNotContaining(TOKEN));
  }

  @Test
  void slackEndpoint_userBeans_backOff() {
    try (CustomerIntelligence ci = CustomerIntelligence.builder().inMemory("own-handler").build();
        SlackWebClient slack = SlackWebClient.builder().botToken("xoxb-own").build();
        GorgiasClient gorgias = GorgiasClient.builder().subdomain("own").basicAuth("own@shop.test", "own-key").build();
        SlackEventsHandler own = SlackEventsHandler.builder().signingSecret("own-secret").slack(slack)
            .gorgias(gorgias).store(ci.store()).build()) {
      slackReady().withBean("ownHandler", SlackEventsHandler.class, () -> own, d -> d.setDestroyMethodName(""))
          .run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(SlackEventsHandler.class);
            assertThat(ctx.getBean(SlackEventsHandler.class)).isSameAs(own);
            assertThat(ctx).hasSingleBean(SlackEventsController.class).doesNotHaveBean("custintelSlackEventsHandler");
          });
    }
  }
}

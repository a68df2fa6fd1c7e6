package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.gorgias.GorgiasClient;
import dev.custintel.slack.QuestionAnswerer;
import dev.custintel.slack.SlackEventsHandler;
import dev.custintel.slack.SlackWebClient;
import dev.custintel.spring.internal.integrations.IntegrationClients;
import dev.custintel.spring.internal.integrations.OnGorgiasAccount;
import dev.custintel.spring.internal.integrations.OnSlackSigningSecret;
import dev.custintel.spring.internal.slack.AskAnswerer;
import dev.custintel.spring.internal.slack.SlackEventsController;
import dev.custintel.spring.internal.slack.SlackJobs;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The helpdesk and chat integrations, each when its settings are there; every bean backs off when the application
 * defines its own.
 *
 * <ul>
 *   <li>A {@link GorgiasClient} when {@code custintel.gorgias.subdomain} or {@code custintel.gorgias.base-url} is
 *       set, with HTTP Basic auth from {@code custintel.gorgias.email} and {@code api-key} (the start fails naming
 *       whichever is missing; the key is never logged). Closed with the context.
 *   <li>The Slack events endpoint, {@code POST /slack/events} (the app's Request URL, which Slack's signature
 *       guards instead of an API key), when {@code custintel.slack.signing-secret} is set, in a servlet web
 *       application with a {@link CustomerIntelligence} bean: a {@link SlackWebClient} with
 *       {@code custintel.slack.bot-token}, and a {@link SlackEventsHandler} over the facade's store, the Gorgias
 *       client (required: the start fails without one), the application's {@link QuestionAnswerer} bean for
 *       mentions if it has one (else the facade's {@code ask}, its answer with a short table, linking
 *       {@code custintel.slack.dashboard-url} when set) and, when the Gorgias subdomain is set, links to the
 *       tickets in its replies. The handler's own pool resumes acknowledged work from the start; failed tickets are
 *       retried every 5 minutes and expired event ids purged every hour. Closed with the context, after the web
 *       server stops: work not done stays in the database for the next start.
 * </ul>
 *
 * <p>Meters go to the context's {@link MeterRegistry} when there is one.
 */
@AutoConfiguration(after = CustintelAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "custintel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustintelProperties.class)
public final class CustintelIntegrationsAutoConfiguration {

  /** Created by Spring. */
  public CustintelIntegrationsAutoConfiguration() {}

  /**
   * @param properties the settings
   * @param registries the context's meter registry, if any
   * @return the Gorgias client, closed with the context
   * @throws IllegalStateException naming {@code custintel.gorgias.email} or {@code api-key} when missing, or a
   *     property whose value is invalid
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @Conditional(OnGorgiasAccount.class)
  public GorgiasClient custintelGorgiasClient(
      CustintelProperties properties, ObjectProvider<MeterRegistry> registries) {
    return IntegrationClients.gorgias(properties.gorgias(), registries.getIfUnique());
  }

  /** The Slack events endpoint and what it needs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnBean(CustomerIntelligence.class)
  @Conditional(OnSlackSigningSecret.class)
  static class SlackEndpointConfiguration {

    /**
     * @param properties the settings
     * @param registries the context's meter registry, if any
     * @return the Web API client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SlackWebClient custintelSlackWebClient(CustintelProperties properties, ObjectProvider<MeterRegistry> registries) {
      return IntegrationClients.slack(properties.slack(), registries.getIfUnique());
    }

    /**
     * @param properties the settings
     * @param ci the facade, whose store keeps the handler's events, work and ticket links
     * @param slack the Web API client
     * @param gorgias the Gorgias client, required (nullable here only to fail with a message that says what to set;
     *     injected rather than looked up, so that the handler closes before it)
     * @param answerers the application's mention answerer, if any
     * @return the handler, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SlackEventsHandler custintelSlackEventsHandler(CustintelProperties properties, CustomerIntelligence ci,
        SlackWebClient slack, @Nullable GorgiasClient gorgias, ObjectProvider<QuestionAnswerer> answerers) {
      if (gorgias == null) {
        throw new IllegalStateException("The Slack events endpoint (" + IntegrationClients.SLACK_SIGNING_SECRET
            + " is set) makes Gorgias tickets: set " + IntegrationClients.GORGIAS_SUBDOMAIN + " (or "
            + IntegrationClients.GORGIAS_BASE_URL + "), " + IntegrationClients.GORGIAS_EMAIL + " and "
            + IntegrationClients.GORGIAS_API_KEY + ", or define one GorgiasClient bean");
      }
      SlackEventsHandler.Builder builder = SlackEventsHandler.builder()
          .signingSecret(IntegrationClients.signingSecret(properties.slack()))
          .slack(slack)
          .gorgias(gorgias)
          .store(ci.store());
      String ticketUrls = IntegrationClients.ticketUrlTemplate(properties.gorgias());
      if (ticketUrls != null) {
        builder.ticketUrlTemplate(ticketUrls);
      }
      builder.questionAnswerer(answerers.getIfUnique(() -> new AskAnswerer(ci, properties.slack().dashboardUrl())));
      return builder.build();
    }

    /**
     * @param handler the handler
     * @return its periodic jobs, stopped with the context before the handler closes
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SlackJobs custintelSlackJobs(SlackEventsHandler handler) {
      return new SlackJobs(handler);
    }

    /**
     * @param handler the handler
     * @return the endpoint at {@code POST /slack/events}
     */
    @Bean
    @ConditionalOnMissingBean
    SlackEventsController custintelSlackEventsController(SlackEventsHandler handler) {
      return new SlackEventsController(handler);
    }
  }
}

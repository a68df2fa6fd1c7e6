package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.spring.internal.events.EventBroadcaster;
import dev.custintel.spring.internal.web.AdminController;
import dev.custintel.spring.internal.security.KeyRevocations;
import dev.custintel.spring.internal.web.EventStreamController;
import dev.custintel.spring.internal.web.BodyLimitFilter;
import dev.custintel.spring.internal.web.AffinityController;
import dev.custintel.spring.internal.web.ActionController;
import dev.custintel.spring.internal.web.QueryController;
import dev.custintel.spring.internal.web.CampaignController;
import dev.custintel.spring.internal.web.ChurnController;
import dev.custintel.spring.internal.web.CohortController;
import dev.custintel.spring.internal.web.CustintelJacksonModule;
import dev.custintel.spring.internal.web.CustomerController;
import dev.custintel.spring.internal.web.ExperimentController;
import dev.custintel.spring.internal.web.FallbackController;
import dev.custintel.spring.internal.web.ForecastController;
import dev.custintel.spring.internal.web.KeyController;
import dev.custintel.spring.internal.web.ModelController;
import dev.custintel.spring.internal.web.OrderController;
import dev.custintel.spring.internal.web.ProblemHandler;
import dev.custintel.spring.internal.web.ProductController;
import dev.custintel.spring.internal.web.SegmentController;
import dev.custintel.spring.internal.web.SyncController;
import dev.custintel.spring.internal.sync.SyncRunner;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every client of the facade as REST under {@code custintel.api.base-path} (default {@code /api}), with errors as
 * {@code application/problem+json}. In a servlet web application with a {@link CustomerIntelligence} bean, unless
 * {@code custintel.api.enabled=false}. Each controller backs off when the application defines a bean of its type.
 *
 * <p>JSON: Spring's Jackson 3 mapper renders the SDK's records, with {@code CustintelJacksonModule} for money
 * ({@code {"amount":"156.46","currency":"USD"}}, the exact decimal as a string) and currencies (ISO codes).
 */
@AutoConfiguration(after = {CustintelAutoConfiguration.class, CustintelSyncAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(CustomerIntelligence.class)
@ConditionalOnBooleanProperty(name = "custintel.api.enabled", matchIfMissing = true)
public final class CustintelWebAutoConfiguration {

  /** Created by Spring. */
  public CustintelWebAutoConfiguration() {}

  /** @return money and currencies in the REST API's JSON */
  @Bean
  @ConditionalOnMissingBean
  public CustintelJacksonModule custintelJacksonModule() {
    return new CustintelJacksonModule();
  }

  /** @return the problem details of the Custintel controllers */
  @Bean
  @ConditionalOnMissingBean
  public ProblemHandler custintelProblemHandler() {
    return new ProblemHandler();
  }

  /**
   * @param ci the facade
   * @return customers, their scores and cross-sell
   */
  @Bean
  @ConditionalOnMissingBean
  public CustomerController custintelCustomerController(CustomerIntelligence ci) {
    return new CustomerController(ci);
  }

  /**
   * @param ci the facade
   * @return churn across the base
   */
  @Bean
  @ConditionalOnMissingBean
  public ChurnController custintelChurnController(CustomerIntelligence ci) {
    return new ChurnController(ci);
  }

  /**
   * @param ci the facade
   * @return cohort retention
   */
  @Bean
  @ConditionalOnMissingBean
  public CohortController custintelCohortController(CustomerIntelligence ci) {
    return new CohortController(ci);
  }

  /**
   * @param ci the facade
   * @return RFM segments
   */
  @Bean
  @ConditionalOnMissingBean
  public SegmentController custintelSegmentController(CustomerIntelligence ci) {
    return new SegmentController(ci);
  }

  /**
   * @param ci the facade
   * @return forecasts from the active model run
   */
  @Bean
  @ConditionalOnMissingBean
  public ForecastController custintelForecastController(CustomerIntelligence ci) {
    return new ForecastController(ci);
  }

  /**
   * @param ci the facade
   * @return association rules and bought-together
   */
  @Bean
  @ConditionalOnMissingBean
  public AffinityController custintelAffinityController(CustomerIntelligence ci) {
    return new AffinityController(ci);
  }

  /**
   * @param ci the facade
   * @return model runs
   */
  @Bean
  @ConditionalOnMissingBean
  public ModelController custintelModelController(CustomerIntelligence ci) {
    return new ModelController(ci);
  }

  /**
   * @param ci the facade
   * @return batch ingestion
   */
  @Bean
  @ConditionalOnMissingBean
  public OrderController custintelOrderController(CustomerIntelligence ci) {
    return new OrderController(ci);
  }

  /**
   * @param ci the facade
   * @return the campaigns endpoints
   */
  @Bean
  @ConditionalOnMissingBean
  public CampaignController custintelCampaignController(CustomerIntelligence ci) {
    return new CampaignController(ci);
  }

  /**
   * @param ci the facade
   * @return next best actions for a list of customers or a segment, paged
   */
  @Bean
  @ConditionalOnMissingBean
  public ActionController custintelActionController(CustomerIntelligence ci) {
    return new ActionController(ci);
  }

  /**
   * @param ci the facade
   * @return questions in plain language (and typed queries) on {@code /api/query} and {@code /api/mcp/query}
   */
  @Bean
  @ConditionalOnMissingBean
  public QueryController custintelQueryController(CustomerIntelligence ci) {
    return new QueryController(ci);
  }

  /**
   * @param ci the facade
   * @return experiments: define, start, assign, expose, results, stop
   */
  @Bean
  @ConditionalOnMissingBean
  public ExperimentController custintelExperimentController(CustomerIntelligence ci) {
    return new ExperimentController(ci);
  }

  /**
   * @param ci the facade
   * @param properties the settings: poll interval, heartbeat, buffer and senders
   * @param mappers the application's JSON mapper, so that streamed events look like the REST API's JSON
   * @return the shared poller of the event log and the stream clients' queues
   */
  @Bean
  @ConditionalOnMissingBean
  public EventBroadcaster custintelEventBroadcaster(CustomerIntelligence ci, CustintelProperties properties,
      ObjectProvider<ObjectMapper> mappers) {
    ObjectMapper mapper = mappers.getIfAvailable(
        () -> JsonMapper.builder().addModule(new CustintelJacksonModule()).build());
    CustintelProperties.Events settings = properties.events();
    return new EventBroadcaster(ci.events(), mapper, ci.store().meterRegistry(),
        Tags.of("store", properties.store().tablePrefix()), settings.pollInterval(), settings.heartbeat(),
        settings.bufferSize(), settings.senderThreads());
  }

  /**
   * @param ci the facade
   * @param broadcaster the shared poller
   * @param revocations the watch that ends streams of revoked keys (absent when security is off)
   * @return the event stream
   */
  @Bean
  @ConditionalOnMissingBean
  public EventStreamController custintelEventStreamController(CustomerIntelligence ci, EventBroadcaster broadcaster,
      ObjectProvider<KeyRevocations> revocations) {
    return new EventStreamController(ci, broadcaster, revocations.getIfAvailable());
  }

  /**
   * @param mappings Spring MVC's mappings
   * @return 404, 405 and 415 problems for requests no endpoint under the API and admin paths takes
   */
  @Bean
  @ConditionalOnMissingBean
  public FallbackController custintelFallbackController(
      org.springframework.beans.factory.ObjectProvider<
              org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping>
          mappings) {
    return new FallbackController(mappings);
  }

  /**
   * @param ci the facade
   * @return cache and pool figures for operators
   */
  @Bean
  @ConditionalOnMissingBean
  public AdminController custintelAdminController(CustomerIntelligence ci) {
    return new AdminController(ci);
  }

  /**
   * @param ci the facade
   * @return API keys: create, list, revoke
   */
  @Bean
  @ConditionalOnMissingBean
  public KeyController custintelKeyController(CustomerIntelligence ci) {
    return new KeyController(ci);
  }

  /**
   * @param ci the facade
   * @return products and their figures
   */
  @Bean
  @ConditionalOnMissingBean
  public ProductController custintelProductController(CustomerIntelligence ci) {
    return new ProductController(ci);
  }

  /**
   * @param properties the settings, for the paths and the limit
   * @return the body size limit on the API and admin paths
   */
  @Bean
  @ConditionalOnMissingBean(name = "custintelBodyLimitFilter")
  public FilterRegistrationBean<BodyLimitFilter> custintelBodyLimitFilter(CustintelProperties properties) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(properties.api().maxBodySize().toBytes()));
    String api = properties.api().basePath().replaceAll("/+$", "");
    String admin = properties.api().adminPath().replaceAll("/+$", "");
    registration.addUrlPatterns(api + "/*", admin + "/*");
    registration.setName("custintelBodyLimitFilter");
    return registration;
  }

  /**
   * @param runner the application's order sources
   * @return sync status and runs
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SyncRunner.class)
  public SyncController custintelSyncController(SyncRunner runner) {
    return new SyncController(runner);
  }
}

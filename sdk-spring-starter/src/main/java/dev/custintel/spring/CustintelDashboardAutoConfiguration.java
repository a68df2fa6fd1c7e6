package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.spring.internal.dashboard.DashboardBroadcaster;
import dev.custintel.spring.internal.dashboard.DashboardMessages;
import dev.custintel.spring.internal.dashboard.DashboardPageController;
import dev.custintel.spring.internal.dashboard.DashboardSocketHandler;
import dev.custintel.spring.internal.security.KeyRevocations;
import dev.custintel.spring.internal.web.CustintelJacksonModule;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard WebSocket at {@value #PATH} (plain WebSocket, no STOMP): every {@code custintel.dashboard.interval}
 * one JSON message of the shop's current figures, computed once for every open session. In a servlet web
 * application with a {@link CustomerIntelligence} bean and Spring's WebSocket support, unless
 * {@code custintel.api.enabled=false} or {@code custintel.dashboard.enabled=false}. The handshake is secured by the
 * API chain of {@link CustintelSecurityAutoConfiguration}: {@code X-API-Key} with the {@code read} scope (401
 * without a key, 403 for a bad one or one without the scope).
 *
 * <p>The endpoint is mounted with a handler mapping of its own rather than {@code @EnableWebSocket}, so that an
 * application's own WebSocket or STOMP configuration neither sees nor conflicts with it.
 *
 * <p>The dashboard page at {@value DashboardPageController#PATH} shows the socket's figures with the API's cohorts,
 * at-risk customers, forecast, product rules and questions, unless {@code custintel.dashboard.page-enabled=false}.
 * The page holds no data, so it is outside the API chain; its script sends the key the user gives it.
 */
@AutoConfiguration(after = CustintelWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
@ConditionalOnBean(CustomerIntelligence.class)
@ConditionalOnBooleanProperty(name = {"custintel.api.enabled", "custintel.dashboard.enabled"}, matchIfMissing = true)
public final class CustintelDashboardAutoConfiguration {
  /** The endpoint's path. */
  public static final String PATH = "/ws/dashboard";

  /** Created by Spring. */
  public CustintelDashboardAutoConfiguration() {}

  /**
   * @param ci the facade
   * @param properties the settings: interval, zone and send-time limit
   * @param mappers the application's JSON mapper, if any
   * @return the one shared computation and the sessions it sends to, started and stopped with the context
   */
  @Bean
  @ConditionalOnMissingBean
  public DashboardBroadcaster custintelDashboardBroadcaster(CustomerIntelligence ci, CustintelProperties properties,
      ObjectProvider<ObjectMapper> mappers) {
    ObjectMapper mapper = mappers.getIfAvailable(
        () -> JsonMapper.builder().addModule(new CustintelJacksonModule()).build());
    CustintelProperties.Dashboard settings = properties.dashboard();
    DashboardMessages messages = new DashboardMessages(ci, mapper, settings.zone(), settings.interval());
    return new DashboardBroadcaster(messages, ci.clock(), ci.store().meterRegistry(),
        Tags.of("store", properties.store().tablePrefix()), settings.interval(), settings.sendTimeLimit());
  }

  /**
   * @param handler the endpoint's handshake and session handler
   * @return the mapping of {@value #PATH} to it
   */
  @Bean
  @ConditionalOnMissingBean(name = "custintelDashboardHandlerMapping")
  public SimpleUrlHandlerMapping custintelDashboardHandlerMapping(
      @Qualifier("custintelDashboardRequestHandler") WebSocketHttpRequestHandler handler) {
    return new SimpleUrlHandlerMapping(Map.of(PATH, handler), 1);
  }

  /**
   * @param properties the settings, for the API's base path
   * @return the page at {@value DashboardPageController#PATH}, its script and its style sheet
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "custintel.dashboard.page-enabled", matchIfMissing = true)
  public DashboardPageController custintelDashboardPageController(CustintelProperties properties) {
    return new DashboardPageController(properties.api().basePath(), PATH);
  }

  /**
   * @param broadcaster the shared computation
   * @param revocations the watch that closes sessions of revoked keys (absent when security is off)
   * @return the handshake and the session handler (a bean, so that it gets the servlet context and the lifecycle)
   */
  @Bean
  @ConditionalOnMissingBean(name = "custintelDashboardRequestHandler")
  public WebSocketHttpRequestHandler custintelDashboardRequestHandler(DashboardBroadcaster broadcaster,
      ObjectProvider<KeyRevocations> revocations) {
    return new WebSocketHttpRequestHandler(new DashboardSocketHandler(broadcaster, revocations.getIfAvailable()));
  }
}

package dev.custintel.spring;

import jakarta.servlet.DispatcherType;
import dev.custintel.CustomerIntelligence;
import dev.custintel.spring.internal.security.ApiKeyFilter;
import dev.custintel.spring.internal.security.DashboardTicketController;
import dev.custintel.spring.internal.security.DashboardTickets;
import dev.custintel.spring.internal.security.BootstrapAdminKey;
import dev.custintel.spring.internal.security.KeyRevocations;
import dev.custintel.spring.internal.security.KeyVerifier;
import dev.custintel.spring.internal.security.ProblemEntryPoints;
import dev.custintel.spring.internal.security.RateLimiter;
import dev.custintel.spring.internal.security.StoreKeyVerifier;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Spring Security for the Custintel endpoints, as two filter chains that compose with an application's own (each
 * matches only its paths):
 *
 * <ul>
 *   <li>{@code custintelApiSecurityFilterChain}, over {@code custintel.api.base-path}, {@code admin-path} and the
 *       dashboard socket's handshake ({@code /ws/dashboard}, a read): an API
 *       key in {@code X-API-Key}; 401 without one, 403 for an invalid or revoked one or one out of scope (reads need
 *       {@code read}, other methods {@code write}, admin paths {@code admin}), 429 with {@code Retry-After} past the
 *       key's rate limit. With {@code custintel.security.enabled=false} the paths are open.
 *   <li>{@code custintelOpenSecurityFilterChain}: the health and Prometheus endpoints, the OpenAPI documents and the
 *       Slack events endpoint (which checks Slack's signature instead) are open.
 * </ul>
 *
 * <p>Paths outside both chains are left to the application. Because the application then has filter chains, Spring
 * Boot's default chain (HTTP Basic with a generated password) backs off: an application with endpoints of its own
 * secures them with a chain of its own.
 */
@AutoConfiguration(
    after = CustintelWebAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBean(CustomerIntelligence.class)
public final class CustintelSecurityAutoConfiguration {
  /** The order of the API chain: before an application's catch-all chain at the default order. */
  public static final int API_CHAIN_ORDER = 10;
  /** The order of the open chain. */
  public static final int OPEN_CHAIN_ORDER = 11;

  /** Created by Spring. */
  public CustintelSecurityAutoConfiguration() {}

  /**
   * @param ci the facade, whose store holds the keys
   * @return the check of presented keys against the {@code ci_api_keys} table
   */
  @Bean
  @ConditionalOnMissingBean
  public KeyVerifier custintelKeyVerifier(CustomerIntelligence ci) {
    return new StoreKeyVerifier(ci.store().apiKeys());
  }

  /**
   * @param verifier the check of presented keys, which also tells whether an accepted key is still active
   * @param properties the settings: how often open connections' keys are checked again
   * @param ci the facade, for the meter registry
   * @return the watch that closes dashboard sockets and event streams of revoked keys
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "custintel.security.enabled", matchIfMissing = true)
  public KeyRevocations custintelKeyRevocations(
      KeyVerifier verifier, CustintelProperties properties, CustomerIntelligence ci) {
    return new KeyRevocations(verifier, properties.security().revocationCheckInterval(), ci.store().meterRegistry(),
        Tags.of("store", properties.store().tablePrefix()));
  }

  /**
   * @param ci the facade
   * @param properties the settings, for the configured bootstrap key
   * @return the first admin key's maker, which runs once the context is ready
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "custintel.security.enabled", matchIfMissing = true)
  public BootstrapAdminKey custintelBootstrapAdminKey(CustomerIntelligence ci, CustintelProperties properties) {
    return new BootstrapAdminKey(ci.store().apiKeys(), properties.security().bootstrapAdminKey(), System.out);
  }

  /**
   * An authentication manager that authenticates nobody, so that Spring Boot does not make its default user with a
   * generated password (and log that password): Custintel authenticates API keys in its own filter. Backs off when
   * the application has any authentication of its own.
   *
   * @return the manager
   */
  @Bean
  @ConditionalOnMissingBean({AuthenticationManager.class, AuthenticationProvider.class, UserDetailsService.class})
  public AuthenticationManager custintelNoUserAuthenticationManager() {
    return authentication -> {
      throw new ProviderNotFoundException("Custintel authenticates API keys only, in the X-API-Key filter");
    };
  }

  /** @return the one-use tickets with which a browser opens the dashboard socket */
  @Bean
  @ConditionalOnMissingBean
  public DashboardTickets custintelDashboardTickets() {
    return new DashboardTickets();
  }

  /**
   * @param tickets the tickets
   * @return {@code POST /api/dashboard/tickets}
   */
  @Bean
  @ConditionalOnMissingBean
  public DashboardTicketController custintelDashboardTicketController(DashboardTickets tickets) {
    return new DashboardTicketController(tickets);
  }

  /**
   * @param properties the settings
   * @return the per-key limiter
   */
  @Bean
  @ConditionalOnMissingBean
  public RateLimiter custintelRateLimiter(CustintelProperties properties) {
    return new RateLimiter(properties.security().rateLimit().requestsPerMinute(), System::nanoTime);
  }

  /**
   * @param http Spring Security's builder
   * @param properties the settings
   * @param verifier the key check
   * @param limiter the per-key limit
   * @param tickets the dashboard socket's one-use tickets
   * @return the chain of the API and admin paths
   * @throws Exception as {@link HttpSecurity#build()} does
   */
  @Bean
  @Order(API_CHAIN_ORDER)
  @ConditionalOnMissingBean(name = "custintelApiSecurityFilterChain")
  public SecurityFilterChain custintelApiSecurityFilterChain(
      HttpSecurity http, CustintelProperties properties, KeyVerifier verifier, RateLimiter limiter,
      DashboardTickets tickets) throws Exception {
    String api = trim(properties.api().basePath());
    String admin = trim(properties.api().adminPath());
    http.securityMatcher(api + "/**", admin + "/**", CustintelDashboardAutoConfiguration.PATH)
        .csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (!properties.security().enabled()) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    return http
        .addFilterBefore(new ApiKeyFilter(verifier, limiter, tickets, CustintelDashboardAutoConfiguration.PATH),
            AuthorizationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(ProblemEntryPoints.missingKey())
            .accessDeniedHandler(ProblemEntryPoints.insufficientScope()))
        .authorizeHttpRequests(a -> a
            // The async dispatch that ends a stream (SSE) belongs to a request already authorized on its way in.
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers(admin + "/**").hasAuthority("SCOPE_admin")
            // The dashboard socket's handshake is a GET: a read.
            .requestMatchers(CustintelDashboardAutoConfiguration.PATH).hasAuthority("SCOPE_read")
            .requestMatchers(HttpMethod.GET, api + "/**").hasAuthority("SCOPE_read")
            .requestMatchers(HttpMethod.HEAD, api + "/**").hasAuthority("SCOPE_read")
            // A question only reads, although its body needs a POST.
            .requestMatchers(HttpMethod.POST, api + "/query", api + "/mcp/query", api + "/dashboard/tickets")
            .hasAuthority("SCOPE_read")
            .anyRequest().hasAuthority("SCOPE_write"))
        .build();
  }

  /**
   * @param http Spring Security's builder
   * @return the chain of the open endpoints
   * @throws Exception as {@link HttpSecurity#build()} does
   */
  @Bean
  @Order(OPEN_CHAIN_ORDER)
  @ConditionalOnMissingBean(name = "custintelOpenSecurityFilterChain")
  public SecurityFilterChain custintelOpenSecurityFilterChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/slack/events")
        .csrf(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .build();
  }

  private static String trim(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}

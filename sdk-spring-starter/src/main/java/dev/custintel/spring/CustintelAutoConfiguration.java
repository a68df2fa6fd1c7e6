package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.store.Credentials;
import dev.custintel.spring.internal.events.EventRetention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link CustomerIntelligence} facade. Its database, in this order:
 *
 * <ol>
 *   <li>the application's one {@code DataSource} bean (its pool is the application's, never closed by Custintel);
 *   <li>else {@code spring.datasource.url} with {@code spring.datasource.username} and {@code password}, in a pool
 *       of Custintel's own;
 *   <li>else the embedded H2 database under {@code custintel.embedded.directory}.
 * </ol>
 *
 * <p>Meters go to the context's {@link MeterRegistry} when there is one; the clock is the context's {@link Clock}
 * bean when there is one, else the system's UTC clock. Runs after the DataSource and metrics auto-configurations,
 * and backs off when the application defines its own {@link CustomerIntelligence}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"
    })
@ConditionalOnBooleanProperty(name = "custintel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CustintelProperties.class)
public final class CustintelAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CustintelAutoConfiguration.class);

  /** Created by Spring. */
  public CustintelAutoConfiguration() {}

  /**
   * @param properties the starter's settings
   * @param dataSources the application's data source, if it has exactly one
   * @param registries the context's meter registry, if any
   * @param clocks the context's clock, if any
   * @param environment the environment, for {@code spring.datasource.*} when there is no data source bean
   * @return the facade, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public CustomerIntelligence customerIntelligence(
      CustintelProperties properties,
      ObjectProvider<DataSource> dataSources,
      ObjectProvider<MeterRegistry> registries,
      ObjectProvider<Clock> clocks,
      Environment environment) {
    CustintelProperties.Store store = properties.store();
    CustomerIntelligence.Builder builder = CustomerIntelligence.builder()
        .tablePrefix(store.tablePrefix())
        .migrateOnStart(store.migrateOnStart())
        .profileCache(store.profileCacheSize(), store.profileCacheTtl())
        .maximumPoolSize(store.maximumPoolSize())
        .connectionTimeout(store.connectionTimeout())
        .rescoreOnIngest(properties.models().rescoreOnIngest());
    DataSource dataSource = dataSources.getIfUnique();
    String url = environment.getProperty("spring.datasource.url");
    if (dataSource != null) {
      builder.dataSource(dataSource);
      LOG.info("Custintel uses the application's DataSource");
    } else if (url != null && !url.isBlank()) {
      String username = environment.getProperty("spring.datasource.username");
      String password = environment.getProperty("spring.datasource.password");
      if (username != null || password != null) {
        builder.jdbcUrl(url, username == null ? "" : username, password == null ? "" : password);
      } else {
        builder.jdbcUrl(url);
      }
      LOG.info("Custintel uses {}", Credentials.mask(url));
    } else {
      builder.embedded(properties.embedded().directory());
      LOG.info("Custintel uses the embedded H2 database in {}", properties.embedded().directory().toAbsolutePath());
    }
    MeterRegistry registry = registries.getIfUnique();
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    Clock clock = clocks.getIfUnique();
    if (clock != null) {
      builder.clock(clock);
    }
    return builder.build();
  }

  /**
   * @param ci the facade
   * @param properties the settings: {@code custintel.events.retention} and {@code purge-interval}
   * @return the scheduled purge of old events from the log (it does nothing when the retention is zero or
   *     negative), which starts and stops with the context
   */
  @Bean
  @ConditionalOnMissingBean
  public EventRetention custintelEventRetention(CustomerIntelligence ci, CustintelProperties properties) {
    CustintelProperties.Events events = properties.events();
    return new EventRetention(ci.events(), ci.clock(), ci.store().meterRegistry(),
        Tags.of("store", properties.store().tablePrefix()), events.retention(), events.purgeInterval());
  }
}

package dev.custintel.spring;

import dev.custintel.CustomerIntelligence;
import dev.custintel.spring.internal.health.DatabaseHealthIndicator;
import dev.custintel.spring.internal.health.ModelFreshnessHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health indicators: {@code custintelDatabase} (the store's database answers) and {@code custintelModels} (an
 * active model run exists and is younger than {@code custintel.models.max-age}). The starter puts the second in a
 * health group of its own, {@code /actuator/health/custintel-models}, and leaves it out of readiness: a stale model
 * is worth an alert, not taking the server out of service.
 */
@AutoConfiguration(after = CustintelAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CustomerIntelligence.class)
public final class CustintelHealthAutoConfiguration {

  /** Created by Spring. */
  public CustintelHealthAutoConfiguration() {}

  /**
   * @param ci the facade
   * @return the database's health
   */
  @Bean
  @ConditionalOnMissingBean(name = "custintelDatabaseHealthIndicator")
  public HealthIndicator custintelDatabaseHealthIndicator(CustomerIntelligence ci) {
    return new DatabaseHealthIndicator(ci);
  }

  /**
   * @param ci the facade
   * @param properties the settings, for the maximum age
   * @return the active model run's freshness
   */
  @Bean
  @ConditionalOnMissingBean(name = "custintelModelsHealthIndicator")
  public HealthIndicator custintelModelsHealthIndicator(CustomerIntelligence ci, CustintelProperties properties) {
    return new ModelFreshnessHealthIndicator(ci, properties.models().maxAge());
  }
}

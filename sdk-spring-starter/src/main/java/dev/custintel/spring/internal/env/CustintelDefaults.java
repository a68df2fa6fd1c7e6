package dev.custintel.spring.internal.env;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The starter's defaults for other libraries' settings, added last so that every setting of the application wins:
 * the {@code custintel-models} health group, liveness and readiness probes, and the {@code health} and
 * {@code prometheus} Actuator endpoints exposed over HTTP.
 */
public final class CustintelDefaults implements EnvironmentPostProcessor {
  /** The name of the property source. */
  public static final String NAME = "custintelDefaults";

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public CustintelDefaults() {}

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(NAME)) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource(NAME, Map.of(
        "management.endpoint.health.group.custintel-models.include", "custintelModels",
        "management.endpoint.health.group.custintel-models.show-details", "always",
        "management.endpoint.health.probes.enabled", "true",
        "management.endpoints.web.exposure.include", "health,prometheus",
        "springdoc.api-docs.path", "/v3/api-docs")));
  }
}

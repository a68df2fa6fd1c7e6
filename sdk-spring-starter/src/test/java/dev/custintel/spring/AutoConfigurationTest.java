package dev.custintel.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.CustomerIntelligence;
import dev.custintel.core.store.DatabaseKind;
import dev.custintel.spring.internal.dashboard.DashboardBroadcaster;
import dev.custintel.spring.internal.dashboard.DashboardPageController;
import dev.custintel.spring.internal.events.EventRetention;
import dev.custintel.spring.internal.security.BootstrapAdminKey;
import dev.custintel.spring.internal.security.KeyVerifier;
import dev.custintel.spring.internal.web.CustomerController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each condition of the auto-configurations, their backing off, and the properties' metadata. */
class AutoConfigurationTest {
  @TempDir Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CustintelAutoConfiguration.class));

  @Test
  void usesTheApplicationsDataSourceAndLeavesItOpen() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:autoconfig-ds;DB_CLOSE_DELAY=-1");
    runner.withBean(DataSource.class, () -> h2).run(context -> {
      assertThat(context).hasSingleBean(CustomerIntelligence.class);
      CustomerIntelligence ci = context.getBean(CustomerIntelligence.class);
      assertThat(ci.databaseKind()).isEqualTo(DatabaseKind.H2);
      assertThat(ci.customers().count()).isZero();
    });
    // The context is closed; the application's data source still works and holds Custintel's tables.
    try (Connection c = h2.getConnection();
        var rs = c.createStatement().executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'CI_ORDERS'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void withoutDataSourceUsesTheEmbeddedDirectory() {
    Path data = dir.resolve("shop-data");
    runner.withPropertyValues("custintel.embedded.directory=" + data).run(context -> {
      assertThat(context).hasSingleBean(CustomerIntelligence.class);
      assertThat(context.getBean(CustomerIntelligence.class).databaseKind()).isEqualTo(DatabaseKind.H2);
      try (var files = Files.list(data)) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".mv.db"));
      }
    });
  }

  @Test
  void springDatasourceUrlWithoutABean() {
    runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-url;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa", "spring.datasource.password=")
        .run(context -> assertThat(context.getBean(CustomerIntelligence.class).customers().count()).isZero());
  }

  @Test
  void backsOffForTheApplicationsFacade() {
    runner.withUserConfiguration(OwnFacade.class).run(context -> {
      assertThat(context).hasSingleBean(CustomerIntelligence.class);
      assertThat(context.getBean(CustomerIntelligence.class)).isSameAs(OwnFacade.INSTANCE);
    });
  }

  @Test
  void disabledConfiguresNothing() {
    runner.withPropertyValues("custintel.enabled=false", "custintel.embedded.directory=" + dir)
        .run(context -> assertThat(context).doesNotHaveBean(CustomerIntelligence.class));
  }

  @Test
  void bindsMetersToTheContextsRegistryAndUsesItsClock() {
    Clock fixed = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner.withPropertyValues("custintel.embedded.directory=" + dir)
        .withBean(MeterRegistry.class, () -> registry)
        .withBean(Clock.class, () -> fixed)
        .run(context -> {
          CustomerIntelligence ci = context.getBean(CustomerIntelligence.class);
          assertThat(ci.clock()).isSameAs(fixed);
          ci.customers().count();
          assertThat(registry.find("custintel.cache.size").meters()).isNotEmpty();
        });
  }

  @Test
  void badPropertyFailsTheStartNamingIt() {
    runner.withPropertyValues("custintel.embedded.directory=" + dir, "custintel.store.table-prefix=Bad-Prefix")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Prefix");
        });
  }

  @Test
  void webAndSecurityBeansAndTheirSwitches() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustintelAutoConfiguration.class,
            CustintelWebAutoConfiguration.class, CustintelSecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class))
        .withPropertyValues("custintel.embedded.directory=" + dir);
    web.withPropertyValues("custintel.security.bootstrap-admin-key=Boot-strap-admin-key-for-tests-0123456789abc")
        .run(context -> {
          assertThat(context).hasSingleBean(CustomerController.class);
          assertThat(context).hasSingleBean(KeyVerifier.class);
          assertThat(context).hasSingleBean(BootstrapAdminKey.class);
          assertThat(context).hasBean("custintelApiSecurityFilterChain");
          assertThat(context).hasBean("custintelOpenSecurityFilterChain");
        });
    web.withPropertyValues("custintel.api.enabled=false", "custintel.security.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(CustomerController.class);
      assertThat(context).doesNotHaveBean(BootstrapAdminKey.class);
    });
    web.withPropertyValues("custintel.security.bootstrap-admin-key=Boot-strap-admin-key-for-tests-0123456789abc")
        .withBean("custintelKeyVerifier", KeyVerifier.class, () -> presented -> Optional.empty())
        .run(context -> assertThat(context.getBean(KeyVerifier.class).verify("anything")).isEmpty());
  }

  @Test
  void dashboardAndRetentionBeansAndTheirSwitches() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustintelAutoConfiguration.class,
            CustintelWebAutoConfiguration.class, CustintelDashboardAutoConfiguration.class))
        .withPropertyValues("custintel.embedded.directory=" + dir);
    web.run(context -> {
      assertThat(context).hasSingleBean(DashboardBroadcaster.class);
      assertThat(context).hasBean("custintelDashboardHandlerMapping");
      assertThat(context).hasSingleBean(EventRetention.class);
      assertThat(context.getBean(EventRetention.class).isRunning()).isTrue();
    });
    web.withPropertyValues("custintel.dashboard.enabled=false", "custintel.events.retention=0").run(context -> {
      assertThat(context).doesNotHaveBean(DashboardBroadcaster.class);
      assertThat(context).hasSingleBean(EventRetention.class);
      assertThat(context.getBean(EventRetention.class).isRunning()).as("retention 0 keeps every event").isFalse();
    });
    web.withPropertyValues("custintel.api.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(DashboardBroadcaster.class));
  }

  @Test
  void dashboardPage_isOnByDefault_andSwitchesOffAloneOrWithTheDashboard() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustintelAutoConfiguration.class,
            CustintelWebAutoConfiguration.class, CustintelDashboardAutoConfiguration.class))
        .withPropertyValues("custintel.embedded.directory=" + dir);
    web.run(context -> assertThat(context).hasSingleBean(DashboardPageController.class));
    web.withPropertyValues("custintel.dashboard.page-enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(DashboardPageController.class);
      assertThat(context).hasSingleBean(DashboardBroadcaster.class);
    });
    web.withPropertyValues("custintel.dashboard.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(DashboardPageController.class));
  }

  @Test
  void nonWebApplicationGetsTheFacadeOnly() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CustintelAutoConfiguration.class,
            CustintelWebAutoConfiguration.class, CustintelSecurityAutoConfiguration.class))
        .withPropertyValues("custintel.embedded.directory=" + dir)
        .run(context -> {
          assertThat(context).hasSingleBean(CustomerIntelligence.class);
          assertThat(context).doesNotHaveBean(CustomerController.class);
        });
  }

  @Test
  void propertiesMetadataDocumentsEverySetting() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated configuration metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    String[] expected = {"custintel.enabled", "custintel.embedded.directory", "custintel.store.table-prefix",
        "custintel.store.profile-cache-size", "custintel.api.base-path", "custintel.api.admin-path",
        "custintel.security.enabled", "custintel.security.bootstrap-admin-key",
        "custintel.security.rate-limit.requests-per-minute", "custintel.models.max-age",
        "custintel.models.rescore-on-ingest",
        "custintel.gorgias.subdomain", "custintel.slack.signing-secret", "custintel.events.retention",
        "custintel.events.purge-interval", "custintel.dashboard.interval", "custintel.dashboard.zone",
        "custintel.dashboard.send-time-limit"};
    for (String name : expected) {
      JsonNode property = null;
      for (JsonNode p : metadata.path("properties")) {
        if (p.path("name").asText().equals(name)) {
          property = p;
        }
      }
      assertThat(property).as(name).isNotNull();
      assertThat(property.path("description").asText()).as(name + " description").isNotBlank();
    }
    for (JsonNode p : metadata.path("properties")) {
      if (p.path("name").asText().equals("custintel.security.rate-limit.requests-per-minute")) {
        assertThat(p.path("defaultValue").asInt()).isEqualTo(6000);
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFacade {
    static final CustomerIntelligence INSTANCE =
        CustomerIntelligence.builder().inMemory("autoconfig-own").build();

    @Bean
    CustomerIntelligence customerIntelligence() {
      return INSTANCE;
    }
  }
}

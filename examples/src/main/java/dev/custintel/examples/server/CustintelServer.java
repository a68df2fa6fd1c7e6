package dev.custintel.examples.server;

import dev.custintel.CustomerIntelligence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The Custintel REST server: a Spring Boot application with nothing but the Custintel starter, run as
 * {@code java -jar examples/target/custintel-server.jar}. It serves the starter's REST API under {@code /api} and
 * {@code /admin} (API keys in {@code X-API-Key}), its OpenAPI documentation at {@code /swagger-ui.html} and
 * Actuator's health at {@code /actuator/health}.
 *
 * <p>Its defaults are in {@code custintel-server.properties}, loaded as Spring Boot's default properties (the lowest
 * precedence, so anything the user sets wins): port 8080, the embedded H2 database under {@code ./custintel-data},
 * and the demo shop ({@link DemoSettings}) generated into a database without orders. With
 * {@code --spring.datasource.url=jdbc:postgresql://...} (and {@code username}, {@code password}) it serves that
 * database instead.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoSettings.class)
public class CustintelServer {
  /** The server's defaults, on the class path. */
  static final String DEFAULTS = "custintel-server.properties";

  /** Created by Spring. */
  public CustintelServer() {}

  /**
   * Starts the server; it runs until the process is stopped.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=9090} or {@code --custintel.demo.enabled=false}
   */
  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The server's application, with its defaults, not yet started: {@code main} runs it; tests run it with their own
   * arguments.
   *
   * @return a new application
   */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(CustintelServer.class);
    application.setDefaultProperties(defaults());
    return application;
  }

  /** @return the properties of {@link #DEFAULTS} */
  static Properties defaults() {
    try {
      return PropertiesLoaderUtils.loadProperties(new ClassPathResource(DEFAULTS, CustintelServer.class.getClassLoader()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULTS + " from the class path", e);
    }
  }

  /**
   * @param ci the starter's facade
   * @param settings the demo's settings
   * @return the runner that fills an empty database with the demo shop before the server reports ready
   */
  @Bean
  DemoShop demoShop(CustomerIntelligence ci, DemoSettings settings) {
    return new DemoShop(ci, settings);
  }

  /**
   * @param environment the server's settings
   * @return the listener that prints where the server listens once it is ready
   */
  @Bean
  ReadyMessage readyMessage(Environment environment) {
    return new ReadyMessage(environment, System.out);
  }
}

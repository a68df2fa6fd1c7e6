package dev.custintel.spring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Boot application with the starter, on a random port, and an HTTP client for it. */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final ConfigurableApplicationContext context;
  private final String base;

  private TestServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /**
   * @param properties Spring properties, such as {@code spring.datasource.url=...}
   * @return the started server
   */
  public static TestServer start(String... properties) {
    return start(Map.of(), properties);
  }

  /**
   * @param beans beans the application has besides auto-configuration, by name (such as a {@code Clock} that the
   *     test moves)
   * @param properties Spring properties, such as {@code spring.datasource.url=...}
   * @return the started server
   */
  public static TestServer start(Map<String, Object> beans, String... properties) {
    List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
        "spring.main.banner-mode=off", "logging.level.root=WARN"));
    all.addAll(List.of(properties));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.SERVLET)
        .properties(all.toArray(String[]::new))
        .initializers(c -> beans.forEach(c.getBeanFactory()::registerSingleton))
        .run();
    return new TestServer(context);
  }

  /** @return the application context */
  public ConfigurableApplicationContext context() {
    return context;
  }

  /** @return {@code http://127.0.0.1:<port>} */
  public String base() {
    return base;
  }

  /**
   * @param method GET, POST...
   * @param path such as {@code /api/customers/00003}
   * @param body a JSON body, or null
   * @param headers header names and values
   * @return the response
   */
  public Response call(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    headers.forEach(request::header);
    if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * A response.
   *
   * @param status the status
   * @param body the body
   * @param contentType the Content-Type header, or empty
   * @param headers all headers
   */
  public record Response(int status, String body, String contentType, Map<String, List<String>> headers) {
    /** @return the body as JSON */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
      }
    }

    /**
     * @param name a header
     * @return its first value, or null
     */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  /** The application: nothing but auto-configuration. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  public static class App {}
}

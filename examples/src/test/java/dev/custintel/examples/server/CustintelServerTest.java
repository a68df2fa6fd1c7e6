package dev.custintel.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custintel.core.testing.OnBothDatabases;
import dev.custintel.core.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server as {@code java -jar custintel-server.jar} runs it, in this JVM on a free port, over real HTTP, on H2
 * (the embedded database in a directory, as by default) and on PostgreSQL ({@code spring.datasource.url}): the demo
 * shop fills an empty database before the server is ready, and only an empty one; with the demo off an empty
 * database stays empty.
 */
class CustintelServerTest extends OnBothDatabases {
  private static final String KEY = "Server-test-admin-key-0123456789abcdefghij";
  private static final int CUSTOMERS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;
  private TestDatabase database;

  @BeforeEach
  void createDatabase() {
    database = newDatabase.get();
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  /** Starts the server on this run's database with the given extra arguments; returns when it is ready. */
  private ConfigurableApplicationContext start(String... more) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--custintel.security.bootstrap-admin-key=" + KEY, "--custintel.demo.customers=" + CUSTOMERS));
    if (databaseName.equals("h2")) {
      args.add("--custintel.embedded.directory=" + dir.resolve("data"));
    } else {
      args.add("--spring.datasource.url=" + database.jdbcUrl());
    }
    args.addAll(List.of(more));
    return CustintelServer.application().run(args.toArray(String[]::new));
  }

  /** @return the database's JDBC URL, for counting rows while no server runs */
  private String jdbcUrl() {
    return databaseName.equals("h2") ? "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath().resolve("custintel")
        : database.jdbcUrl();
  }

  private long count(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext server, String path, boolean withKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(60));
    if (withKey) {
      request.header("X-API-Key", KEY);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void emptyDatabase_getsTheDemoShopAndAModelRunBeforeReady_andARestartKeepsThem() {
    long orders;
    long firstRun;
    try (ConfigurableApplicationContext server = start()) {
      // run() returns once the server is ready, so the shop and its run are in.
      assertThat(json(get(server, "/actuator/health/readiness", false)).path("status").asText()).isEqualTo("UP");
      JsonNode page = json(get(server, "/api/customers?limit=5", true));
      assertThat(page.path("items")).hasSize(5);
      assertThat(page.path("nextCursor").isTextual()).as("more than 5 customers").isTrue();

      JsonNode runs = json(get(server, "/api/models", true));
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).path("active").asBoolean()).isTrue();
      firstRun = runs.get(0).path("id").asLong();
      // The shop ends yesterday, so the run's "today" is the server's.
      assertThat(runs.get(0).path("data").path("asOf").asText())
          .isIn(LocalDate.now(ZoneOffset.UTC).toString(), LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());

      // The profile of a listed customer shows the run's scores.
      String customer = page.path("items").get(0).path("customerId").asText();
      JsonNode profile = json(get(server, "/api/customers/" + customer, true));
      assertThat(profile.path("orders").asLong()).isPositive();

      assertThat(get(server, "/api/customers?limit=5", false).statusCode()).as("no key").isEqualTo(401);
      assertThat(get(server, "/swagger-ui.html", false).statusCode()).isIn(200, 302);
      assertThat(get(server, "/v3/api-docs", false).body()).contains("/api/customers");
    }
    orders = count("SELECT COUNT(*) FROM ci_orders");
    long customers = count("SELECT COUNT(*) FROM ci_customers");
    assertThat(customers).isEqualTo(CUSTOMERS);
    // About 10 orders per customer.
    assertThat(orders).isBetween(CUSTOMERS * 3L, CUSTOMERS * 30L);

    try (ConfigurableApplicationContext server = start()) {
      JsonNode runs = json(get(server, "/api/models", true));
      assertThat(runs).as("no second model run").hasSize(1);
      assertThat(runs.get(0).path("id").asLong()).isEqualTo(firstRun);
      assertThat(json(get(server, "/actuator/health/readiness", false)).path("status").asText()).isEqualTo("UP");
    }
    assertThat(count("SELECT COUNT(*) FROM ci_orders")).as("orders after the restart").isEqualTo(orders);
    assertThat(count("SELECT COUNT(*) FROM ci_customers")).isEqualTo(customers);
  }

  @Test
  void demoOff_leavesAnEmptyDatabaseEmpty() {
    try (ConfigurableApplicationContext server = start("--custintel.demo.enabled=false")) {
      assertThat(json(get(server, "/actuator/health/readiness", false)).path("status").asText()).isEqualTo("UP");
      assertThat(json(get(server, "/api/customers", true)).path("items")).isEmpty();
      JsonNode runs = json(get(server, "/api/models", true));
      assertThat(runs.isArray()).isTrue();
      assertThat(runs).isEmpty();
    }
    assertThat(count("SELECT COUNT(*) FROM ci_orders")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ci_customers")).isZero();
  }

  @Test
  void readyMessage_saysWhereTheServerListensAndHowToGetAKey() {
    try (ConfigurableApplicationContext server = start("--custintel.demo.enabled=false")) {
      String port = server.getEnvironment().getProperty("local.server.port");
      String message = server.getBean(ReadyMessage.class).message();
      assertThat(message)
          .contains("Custintel server ready at http://127.0.0.1:" + port + "\n")
          .contains("http://127.0.0.1:" + port + "/swagger-ui.html")
          .contains("http://127.0.0.1:" + port + "/api and http://127.0.0.1:" + port + "/admin")
          .contains("X-API-Key", "custintel.security.bootstrap-admin-key", "POST /admin/keys", "keys create --db ")
          .doesNotContain(KEY);
      if (databaseName.equals("h2")) {
        assertThat(message).contains("jdbc:h2:file:" + dir.resolve("data").toAbsolutePath().resolve("custintel"));
      }
    }
  }
}

package dev.custintel.core.testing;

import dev.custintel.core.store.CustintelStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the PostgreSQL test server, dropped on close. The server is found at the system property
 * {@code custintel.postgresUrl} (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
final class PostgresTestDatabase implements TestDatabase {
  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String baseUrl;
  private final String schema;

  private PostgresTestDatabase(String baseUrl, String schema) {
    this.baseUrl = baseUrl;
    this.schema = schema;
  }

  static PostgresTestDatabase create() {
    String url = System.getProperty("custintel.postgresUrl", DEFAULT_URL);
    boolean required = Boolean.parseBoolean(System.getProperty("custintel.requirePostgres", "false"))
        || "true".equalsIgnoreCase(System.getenv("CUSTINTEL_REQUIRE_POSTGRES"));
    String schema = "ci_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url);
        var st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at " + url.replaceAll("password=[^&]*", "password=***")
          + ": " + e.getMessage();
      if (required) {
        throw new IllegalStateException(message + " (custintel.requirePostgres=true, so this fails)", e);
      }
      Assumptions.abort(message + " (set custintel.requirePostgres=true to fail instead of skipping)");
    }
    return new PostgresTestDatabase(url, schema);
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public CustintelStore.Builder configure(CustintelStore.Builder builder) {
    return builder.jdbcUrl(jdbcUrl()).maximumPoolSize(6);
  }

  @Override
  public String jdbcUrl() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(baseUrl);
        var st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop test schema " + schema, e);
    }
  }
}

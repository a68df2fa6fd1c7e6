package dev.custintel.benchmarks;

import dev.custintel.core.store.CustintelStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A fresh, empty database for one benchmark trial, dropped on {@link #close()}.
 *
 * <ul>
 *   <li>{@code h2}: an in-memory H2 database {@code bench_<random>} (shut down on close);
 *   <li>{@code postgresql}: a new schema {@code bench_<random>} on the local server given by the system property
 *       {@value #POSTGRES_URL_PROPERTY} (default {@value #DEFAULT_POSTGRES_URL}); stores point at it with
 *       {@code currentSchema}; {@code DROP SCHEMA ... CASCADE} on close.
 * </ul>
 *
 * Only local databases are accepted ({@link LocalJdbcUrls}).
 */
public final class BenchDatabase implements AutoCloseable {
  /** System property naming the PostgreSQL server (and database) to create benchmark schemas in. */
  public static final String POSTGRES_URL_PROPERTY = "custintel.bench.postgresUrl";

  /** The PostgreSQL URL used when the property is not set. */
  public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String kind;
  private final String name;
  private final String url;
  private final String adminUrl;
  private boolean closed;

  private BenchDatabase(String kind, String name, String url, String adminUrl) {
    this.kind = kind;
    this.name = name;
    this.url = url;
    this.adminUrl = adminUrl;
  }

  /**
   * @param kind {@code h2} or {@code postgresql}
   * @return a new empty database
   */
  public static BenchDatabase create(String kind) {
    String name = "bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "h2" -> {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        return new BenchDatabase("h2", name, url, url);
      }
      case "postgresql" -> {
        String base = LocalJdbcUrls.requireLocal(System.getProperty(POSTGRES_URL_PROPERTY, DEFAULT_POSTGRES_URL));
        try (Connection c = DriverManager.getConnection(base);
            Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
          throw new IllegalStateException("Could not create schema " + name + " on "
              + LocalJdbcUrls.redact(base) + " (is PostgreSQL running?): " + e.getMessage(), e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new BenchDatabase("postgresql", name, url, base);
      }
      default -> throw new IllegalArgumentException("unknown database '" + kind + "': use h2 or postgresql");
    }
  }

  /**
   * @param builder a store builder
   * @return the builder, pointed at this database
   */
  public CustintelStore.Builder configure(CustintelStore.Builder builder) {
    if (kind.equals("h2")) {
      return builder.inMemory(name);
    }
    return builder.jdbcUrl(url);
  }

  /** @return h2 or postgresql */
  public String kind() {
    return kind;
  }

  /** @return the JDBC URL of the database */
  public String url() {
    return url;
  }

  /** Drops the schema (PostgreSQL) or shuts the in-memory database down (H2). Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement st = c.createStatement()) {
      st.execute(kind.equals("h2") ? "SHUTDOWN" : "DROP SCHEMA " + name + " CASCADE");
    } catch (SQLException e) {
      System.err.println("WARNING: could not drop benchmark database " + name + ": " + e.getMessage());
    }
  }
}

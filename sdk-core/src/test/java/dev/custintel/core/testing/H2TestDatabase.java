package dev.custintel.core.testing;

import dev.custintel.core.store.CustintelStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** An H2 in-memory database with a unique name, dropped on close. */
final class H2TestDatabase implements TestDatabase {
  private final String name = "t" + UUID.randomUUID().toString().replace("-", "");
  private final Connection keepAlive;

  H2TestDatabase() {
    try {
      // Holding one connection keeps the database alive between stores of one test.
      keepAlive = DriverManager.getConnection(jdbcUrl());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public CustintelStore.Builder configure(CustintelStore.Builder builder) {
    return builder.jdbcUrl(jdbcUrl());
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=10000";
  }

  @Override
  public void close() {
    try (var st = keepAlive.createStatement()) {
      st.execute("SHUTDOWN");
    } catch (SQLException ignored) {
      // already gone
    } finally {
      try {
        keepAlive.close();
      } catch (SQLException ignored) {
        // closed by SHUTDOWN
      }
    }
  }
}

package dev.custintel.examples.cli;

import dev.custintel.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The model run contract on a fresh schema of the PostgreSQL test server. Skipped when the server is unreachable,
 * unless {@code custintel.requirePostgres=true}.
 */
class ModelRunPostgresTest extends ModelRunContract {
  private TestDatabase database;

  @BeforeEach
  void createSchema() {
    database = TestDatabase.postgres();
  }

  @AfterEach
  void dropSchema() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  String db() {
    return database.jdbcUrl();
  }
}

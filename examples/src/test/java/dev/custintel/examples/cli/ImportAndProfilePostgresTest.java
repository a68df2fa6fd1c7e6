package dev.custintel.examples.cli;

import dev.custintel.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The import and profile contract on a fresh schema of the PostgreSQL test server. Skipped when the server is
 * unreachable, unless {@code custintel.requirePostgres=true}.
 */
class ImportAndProfilePostgresTest extends ImportAndProfileContract {
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

package dev.custintel.core.internal.store;

import dev.custintel.core.DataAccessException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the versioned schema migrations with Flyway. Not API.
 *
 * <p>Why Flyway: plain versioned SQL files that a host's DBA can read and run, placeholders for the table prefix,
 * a history table whose name we choose (so it sits beside a host's own Flyway history without clashing), and
 * checksums that catch edited migrations. The SQL lives in {@code classpath:db/custintel/migration}.
 */
public final class Migrations {
  /** Where the migration SQL files are on the classpath. */
  public static final String LOCATION = "classpath:db/custintel/migration";

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Migrates the schema to the latest version. */
  public static void migrate(DataSource dataSource, String prefix) {
    try {
      MigrateResult result =
          Flyway.configure(Migrations.class.getClassLoader())
              .dataSource(dataSource)
              .locations(LOCATION)
              .table(prefix + "schema_history")
              .placeholders(Map.of("prefix", prefix))
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .cleanDisabled(true)
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info("Custintel schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
            result.migrationsExecuted);
      }
    } catch (RuntimeException e) {
      throw new DataAccessException(
          "Could not migrate the Custintel schema (tables prefixed '" + prefix + "'): " + e.getMessage(), e);
    }
  }
}

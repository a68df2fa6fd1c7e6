package dev.custintel.core.internal.store;

import dev.custintel.core.DataAccessException;
import dev.custintel.core.internal.Secrets;
import dev.custintel.core.spi.SchemaModule;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the versioned schema migrations of core and of every {@link SchemaModule} on the class path, with Flyway.
 * Not API.
 *
 * <p>Why Flyway: plain versioned SQL files that a host's DBA can read and run, placeholders for the table prefix,
 * history tables whose names we choose (so they sit beside a host's own Flyway history without clashing), and
 * checksums that catch edited migrations.
 *
 * <p>Each module owns its tables and has its own history: core's is {@code <prefix>schema_history}, a module's
 * {@code <prefix><name>_schema_history}. Before each module had its own, core's history also recorded the product
 * affinity tables (core V3, now analytics V1) and the Slack tables (core V4, now integrations V1). On such a
 * database {@link #adoptLegacy} first records those versions as the modules' baselines and then removes them from
 * core's history; both steps are idempotent, so a crash between them is repaired by the next start.
 */
public final class Migrations {
  /** Where core's migration SQL files are on the classpath. */
  public static final String LOCATION = "classpath:db/custintel/core";

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z]{1,20}");

  /** The versions core's history held for tables that modules now own: core version, module, module version. */
  private record Legacy(String coreVersion, String description, String module, String moduleVersion) {}

  private static final List<Legacy> LEGACY = List.of(
      new Legacy("3", "product affinity", "analytics", "1"),
      new Legacy("4", "slack tickets", "integrations", "1"));

  private Migrations() {}

  /** @return the schema modules on the class path, in the order they migrate */
  static List<SchemaModule> modules() {
    List<SchemaModule> found = new ArrayList<>();
    for (SchemaModule m : ServiceLoader.load(SchemaModule.class, Migrations.class.getClassLoader())) {
      if (!MODULE_NAME.matcher(m.name()).matches() || m.name().equals("core")) {
        throw new IllegalStateException(
            "Schema module " + m.getClass().getName() + " has an invalid name '" + m.name() + "'");
      }
      found.add(m);
    }
    found.sort(Comparator.comparing(SchemaModule::name));
    return found;
  }

  /** Migrates core's tables, then each module's, to their latest versions. */
  public static void migrate(DataSource dataSource, String prefix) {
    try {
      adoptLegacy(dataSource, prefix);
      run(dataSource, prefix, "core", LOCATION, prefix + "schema_history");
      for (SchemaModule m : modules()) {
        run(dataSource, prefix, m.name(), m.location(), historyTable(prefix, m.name()));
      }
    } catch (DataAccessException e) {
      throw e;
    } catch (RuntimeException e) {
      // Flyway's messages can quote the JDBC URL, credentials included.
      throw new DataAccessException("Could not migrate the Custintel schema (tables prefixed '" + prefix + "'): "
          + Secrets.mask(e.getMessage()), Secrets.scrubbed(e));
    }
  }

  static String historyTable(String prefix, String module) {
    return prefix + module + "_schema_history";
  }

  private static void run(DataSource dataSource, String prefix, String module, String location, String history) {
    MigrateResult result = configure(dataSource, prefix, history)
        .locations(location)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Custintel {} schema migrated to version {} ({} migrations)", module, result.targetSchemaVersion,
          result.migrationsExecuted);
    }
  }

  private static FluentConfiguration configure(DataSource dataSource, String prefix, String history) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .table(history)
        .placeholders(Map.of("prefix", prefix))
        .cleanDisabled(true);
  }

  /**
   * Moves the versions that core's history recorded for tables now owned by modules into those modules' histories,
   * as their baselines. Runs whether or not the module is on the class path, so that core's history never holds
   * versions core does not have.
   */
  static void adoptLegacy(DataSource dataSource, String prefix) {
    String coreHistory = prefix + "schema_history";
    try {
      // Each step takes a connection of its own and gives it back before Flyway takes its own: a small pool (the
      // CLI's has 2) must never be held by us while Flyway waits for one.
      List<Legacy> applied = new ArrayList<>();
      try (Connection c = dataSource.getConnection()) {
        if (!tableExists(c, coreHistory)) {
          return;
        }
        for (Legacy legacy : LEGACY) {
          if (hasApplied(c, coreHistory, legacy)) {
            applied.add(legacy);
          }
        }
      }
      for (Legacy legacy : applied) {
        String moduleHistory = historyTable(prefix, legacy.module());
        boolean adopted;
        try (Connection c = dataSource.getConnection()) {
          adopted = tableExists(c, moduleHistory);
        }
        if (!adopted) {
          configure(dataSource, prefix, moduleHistory)
              .baselineVersion(legacy.moduleVersion())
              .baselineDescription(legacy.description() + " (core V" + legacy.coreVersion() + " before "
                  + legacy.module() + " owned its tables)")
              .load()
              .baseline();
          LOG.info("Custintel {} schema adopted at version {} from core's history", legacy.module(),
              legacy.moduleVersion());
        }
        try (Connection c = dataSource.getConnection();
            Statement st = c.createStatement()) {
          st.executeUpdate("DELETE FROM " + quoted(coreHistory) + " WHERE \"version\" = '" + legacy.coreVersion()
              + "'");
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException("Could not read the Custintel schema history (tables prefixed '" + prefix
          + "'): " + e.getMessage(), e);
    }
  }

  private static boolean hasApplied(Connection c, String history, Legacy legacy) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"description\", \"success\" FROM " + quoted(history)
            + " WHERE \"version\" = '" + legacy.coreVersion() + "'")) {
      if (!rs.next()) {
        return false;
      }
      if (isCoreMigration(legacy.coreVersion(), rs.getString(1))) {
        return false; // core's own migration of that number, made after the module took its tables
      }
      if (!legacy.description().equals(rs.getString(1)) || !rs.getBoolean(2)) {
        throw new DataAccessException("The Custintel schema history " + history + " has version "
            + legacy.coreVersion() + " as '" + rs.getString(1) + "' (success " + rs.getBoolean(2)
            + "), not the expected '" + legacy.description() + "': repair it before upgrading",
            new SQLException("unexpected schema history"));
      }
      return true;
    }
  }

  /**
   * Core's version numbers 3 and 4 were freed when the modules took their tables, and core's later migrations
   * reuse them (V4 is the sync status): a history row of core's own file of that version and description is not
   * a legacy one.
   */
  static boolean isCoreMigration(String version, @Nullable String description) {
    if (description == null) {
      return false;
    }
    String file = "db/custintel/core/V" + version + "__" + description.replace(' ', '_') + ".sql";
    return Migrations.class.getClassLoader().getResource(file) != null;
  }

  /** Flyway creates its history table with a quoted lower-case name, so it is looked up exactly so. */
  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  private static String quoted(String table) {
    return '"' + table + '"';
  }
}

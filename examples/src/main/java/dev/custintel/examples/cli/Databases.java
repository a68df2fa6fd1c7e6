package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Opens the SDK on a JDBC URL given with {@code --db}. */
final class Databases {
  private static final String POSTGRESQL = "jdbc:postgresql:";

  private Databases() {}

  /**
   * Fails with a usage error unless the URL is a PostgreSQL or H2 one, the databases the SDK runs on.
   *
   * @param spec the command, for the usage
   * @param jdbcUrl the URL given with {@code --db}
   */
  static void checkUrl(CommandSpec spec, String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new ParameterException(spec.commandLine(),
          "--db must be a PostgreSQL or H2 JDBC URL, starting with jdbc:postgresql: or jdbc:h2: (was '"
              + CustintelCli.maskSecrets(jdbcUrl) + "')");
    }
    if (jdbcUrl.startsWith(POSTGRESQL) && postgresDatabase(jdbcUrl).isBlank()) {
      // The driver would connect to a default database (the user's name) and the tables be created there.
      throw new ParameterException(spec.commandLine(),
          "--db must name the database, such as jdbc:postgresql://localhost:5432/shop (was '"
              + CustintelCli.maskSecrets(jdbcUrl) + "')");
    }
  }

  /**
   * @param jdbcUrl a URL starting with {@code jdbc:postgresql:}
   * @return the database it names: the path after the host list, or the whole rest without a host; empty if none
   */
  static String postgresDatabase(String jdbcUrl) {
    String rest = jdbcUrl.substring(POSTGRESQL.length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "" : rest.substring(slash + 1);
    }
    return rest;
  }

  /**
   * @param jdbcUrl a PostgreSQL or H2 URL
   * @param clock the clock giving "now"
   * @return the facade, connected and migrated; close it
   * @throws dev.custintel.core.InvalidInputException if the URL is neither PostgreSQL nor H2
   * @throws dev.custintel.core.DataAccessException if the database cannot be reached or migrated
   */
  static CustomerIntelligence open(String jdbcUrl, Clock clock) {
    return CustomerIntelligence.builder()
        .jdbcUrl(jdbcUrl)
        .clock(clock)
        // One command, one thread: a small pool is enough.
        .maximumPoolSize(2)
        .build();
  }

  /**
   * For commands that only read: an H2 file URL is given {@code IFEXISTS=TRUE}, so that a mistyped path fails
   * instead of creating an empty database.
   *
   * @param jdbcUrl the URL given with {@code --db}
   * @return the URL to connect to
   */
  static String existingOnly(String jdbcUrl) {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    boolean h2File = lower.startsWith("jdbc:h2:file:")
        || (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
            && !lower.startsWith("jdbc:h2:ssl:") && !lower.startsWith("jdbc:h2:zip:"));
    if (!h2File || lower.contains("ifexists=")) {
      return jdbcUrl;
    }
    return jdbcUrl + ";IFEXISTS=TRUE";
  }
}

package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --db} option of the {@code models} commands, which work on a database an earlier {@code custintel
 * import} filled: a picocli mixin, declared where the command's own options start.
 */
final class ExistingDatabase {

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The database, such as jdbc:h2:file:./custintel-data/custintel")
  String db;

  /**
   * @param spec the command, for the usage
   * @throws picocli.CommandLine.ParameterException if the URL is neither PostgreSQL nor H2
   */
  void check(CommandSpec spec) {
    Databases.checkUrl(spec, db);
  }

  /**
   * @return the facade on the database, without creating an H2 file that does not exist; close it
   * @see Databases#existingOnly
   */
  CustomerIntelligence open() {
    return open(Clock.systemUTC());
  }

  /**
   * @param clock the clock giving "now"
   * @return the facade on the database with that clock, without creating an H2 file that does not exist; close it
   * @see Databases#existingOnly
   */
  CustomerIntelligence open(Clock clock) {
    return Databases.open(Databases.existingOnly(db), clock);
  }
}

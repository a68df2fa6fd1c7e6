package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.keys.ApiKeyScope;
import dev.custintel.core.keys.CreatedApiKey;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custintel keys create}: a new API key, printed this once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Creates an API key and prints it on stdout, with its id: 'id: ...' then 'key: ci_...'. The key is shown "
          + "this once: the database keeps only its SHA-256 hash, so it cannot be shown again or recovered. "
          + "Store it where its user will find it, or revoke it and create another.",
      "Creates the tables when the database has none yet (such as a server's database before its first start)."
    })
final class KeysCreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The database, such as jdbc:h2:file:./custintel-data/custintel")
  String db;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "What the key is for, 1 to 100 characters, such as \"reporting dashboard\"")
  String name;

  @Option(
      names = "--scope",
      required = true,
      split = ",",
      paramLabel = "SCOPE",
      description = "What the key may do: read, write or admin; several separated by commas or given again "
          + "(admin allows write, write allows read)")
  List<ApiKeyScope> scopes;

  @Override
  public Integer call() {
    Databases.checkUrl(spec, db);
    CreatedApiKey created;
    try (CustomerIntelligence ci = Databases.open(db, Clock.systemUTC())) {
      created = ci.store().apiKeys().create(name, EnumSet.copyOf(scopes));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("id: " + created.apiKey().id());
    out.println("key: " + created.key());
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println("API key '" + created.apiKey().name() + "' created with scopes "
        + String.join(",", KeysCommand.names(created.apiKey().scopes()))
        + ". Copy the key now: it will not be shown again (only its hash is stored).");
    err.flush();
    return CustintelCli.OK;
  }
}

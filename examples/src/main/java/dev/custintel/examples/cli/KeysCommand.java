package dev.custintel.examples.cli;

import dev.custintel.core.keys.ApiKeyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel keys}: the API keys the REST server accepts, stored in a database. A group without work of its
 * own; to add a subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "API keys for the REST server, in a database: 'create' makes a key and prints it once, 'list' shows the "
          + "keys (never the keys themselves: only their hashes are stored), 'revoke' revokes one.",
      "Scopes are hierarchical: admin allows everything write allows, write everything read allows."
    })
final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: use 'keys create', 'keys list' or 'keys revoke'");
  }

  /**
   * @param scopes scopes
   * @return their lower-case names in the enum's order, such as {@code [read, write]}
   */
  static List<String> names(Set<ApiKeyScope> scopes) {
    List<String> names = new ArrayList<>();
    for (ApiKeyScope s : scopes) {
      names.add(s.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}

package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.keys.ApiKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel keys revoke}: revokes an API key by its id. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revokes an API key: the server refuses it from then on (a running server within the 10 seconds it keeps "
          + "accepted keys in its cache). Revoking a revoked key changes nothing and succeeds; an unknown id fails "
          + "(exit 1)."
    })
final class KeysRevokeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Parameters(index = "0", paramLabel = "ID", description = "The key's id, as 'custintel keys list' shows it")
  String id;

  @Override
  public Integer call() {
    database.check(spec);
    boolean revoked;
    ApiKey key;
    try (CustomerIntelligence ci = database.open()) {
      revoked = ci.store().apiKeys().revoke(id);
      key = ci.store().apiKeys().get(id);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println((revoked ? "Revoked API key " : "API key was already revoked: ") + key.id() + " ('" + key.name()
        + "', revoked at " + key.revokedAt() + ")");
    out.flush();
    return CustintelCli.OK;
  }
}

package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.core.keys.ApiKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code custintel keys list}: the API keys of a database, oldest first, never the keys themselves. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the API keys, oldest first, revoked ones included: id, name, scopes, lookup id (the 8 characters "
          + "after ci_ at the start of the key, to tell which key is which), when created, last used (to the "
          + "minute) and revoked. Never the keys, which are not stored.",
      "--output json prints a JSON array of objects with id, name, scopes, lookupId, createdAt, lastUsedAt, "
          + "revokedAt and active; instants are ISO-8601 (UTC), null when not set."
    })
final class KeysListCommand implements Callable<Integer> {

  /** How the keys are printed. */
  enum Output {
    table,
    json
  }

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default) or json")
  Output output;

  @Override
  public Integer call() {
    database.check(spec);
    List<ApiKey> keys;
    try (CustomerIntelligence ci = database.open()) {
      keys = ci.store().apiKeys().list();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == Output.json) {
      List<Map<String, Object>> views = new ArrayList<>();
      for (ApiKey k : keys) {
        views.add(view(k));
      }
      Json.print(out, views);
      return CustintelCli.OK;
    }
    if (keys.isEmpty()) {
      out.println("No API keys. Create one with: custintel keys create --db JDBC_URL --name NAME --scope SCOPE");
      out.flush();
      return CustintelCli.OK;
    }
    TextTable table = new TextTable("LLLLLLL").header("ID", "NAME", "SCOPES", "LOOKUP", "CREATED", "LAST USED",
        "REVOKED");
    for (ApiKey k : keys) {
      table.row(k.id(), TextTable.cut(k.name(), 40), String.join(",", KeysCommand.names(k.scopes())), k.lookupId(),
          shown(k.createdAt()), shown(k.lastUsedAt()), shown(k.revokedAt()));
    }
    table.lines(0).forEach(out::println);
    out.flush();
    return CustintelCli.OK;
  }

  private static String shown(@Nullable Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * @param k a key's metadata
   * @return its JSON object
   */
  static Map<String, Object> view(ApiKey k) {
    Map<String, Object> m = Json.object();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("scopes", KeysCommand.names(k.scopes()));
    m.put("lookupId", k.lookupId());
    m.put("createdAt", Json.instant(k.createdAt()));
    m.put("lastUsedAt", Json.instant(k.lastUsedAt()));
    m.put("revokedAt", Json.instant(k.revokedAt()));
    m.put("active", k.active());
    return m;
  }
}

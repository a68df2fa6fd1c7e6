package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.models.ModelRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code custintel models list}: the latest model runs of a database, newest first, as JSON. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the latest model runs as a JSON array, newest first: each run's id, createdAt, active (whether "
          + "profiles use it) and data (asOf: the last day of purchases it used, unit, currency, customers scored, "
          + "purchases counted, latestPurchaseAt), as in the ModelRun record.",
      "'custintel models refresh' prints a run in full."
    })
final class ModelsListCommand implements Callable<Integer> {
  /** The most runs the SDK lists at once. */
  static final int MAX_LIMIT = 1_000;

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most this many runs, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    database.check(spec);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(spec.commandLine(),
          "--limit must be between 1 and " + MAX_LIMIT + " (was " + limit + ")");
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    try (CustomerIntelligence ci = database.open()) {
      for (ModelRun run : ci.models().list(limit)) {
        runs.add(view(run));
      }
    }
    Json.print(spec.commandLine().getOut(), runs);
    return CustintelCli.OK;
  }

  /**
   * @param run a run
   * @return its short view: id, createdAt, active and the data object
   */
  static Map<String, Object> view(ModelRun run) {
    return identity(run);
  }

  /**
   * @param run a run
   * @return a new JSON object that starts every view of a run (the list's and {@code models refresh}'s): id,
   *     createdAt, active and data, nested as in {@link ModelRun}
   */
  static Map<String, Object> identity(ModelRun run) {
    Map<String, Object> m = Json.object();
    m.put("id", run.id());
    m.put("createdAt", Json.instant(run.createdAt()));
    m.put("active", run.active());
    ModelRun.Data d = run.data();
    Map<String, Object> data = Json.object();
    data.put("asOf", d.asOf().toString());
    data.put("unit", ClvInput.periodName(d.unit()));
    data.put("currency", d.currency().getCurrencyCode());
    data.put("customers", d.customers());
    data.put("purchases", d.purchases());
    data.put("latestPurchaseAt", Json.instant(d.latestPurchaseAt()));
    m.put("data", data);
    return m;
  }
}

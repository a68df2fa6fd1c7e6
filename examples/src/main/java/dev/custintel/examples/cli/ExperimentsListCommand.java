package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import dev.custintel.analytics.experiments.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custintel experiments list}: every experiment, newest first, as JSON. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Prints every experiment, newest first, as a JSON array of the objects 'experiments create' prints."
    })
final class ExperimentsListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Override
  public Integer call() {
    database.check(spec);
    try (CustomerIntelligence ci = database.open()) {
      List<Map<String, Object>> views = new ArrayList<>();
      for (Experiment e : ci.experiments().list()) {
        views.add(ExperimentViews.view(e));
      }
      Json.print(spec.commandLine().getOut(), views);
    }
    return CustintelCli.OK;
  }
}

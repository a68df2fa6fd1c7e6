package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel experiments start}: starts a draft experiment's exposures. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a draft experiment: from now on 'custintel experiments expose' records its exposures. Prints the "
          + "experiment as JSON (as 'experiments create' does). An experiment runs once: starting one that is "
          + "running or stopped fails (exit 1)."
    })
final class ExperimentsStartCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id, as 'experiments list' shows it")
  long id;

  @Override
  public Integer call() {
    database.check(spec);
    try (CustomerIntelligence ci = database.open()) {
      Json.print(spec.commandLine().getOut(), ExperimentViews.view(ci.experiments().start(id)));
    }
    return CustintelCli.OK;
  }
}

package dev.custintel.examples.cli;

import dev.custintel.CustomerIntelligence;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custintel experiments stop}: stops a running experiment's exposures. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stops a running experiment: no more exposures are recorded; its results go on maturing until the window of "
          + "its last exposure has closed. Prints the experiment as JSON. Stopping one that is not running fails "
          + "(exit 1); a stopped experiment cannot be started again."
    })
final class ExperimentsStopCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExistingDatabase database;

  @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id, as 'experiments list' shows it")
  long id;

  @Override
  public Integer call() {
    database.check(spec);
    try (CustomerIntelligence ci = database.open()) {
      Json.print(spec.commandLine().getOut(), ExperimentViews.view(ci.experiments().stop(id)));
    }
    return CustintelCli.OK;
  }
}

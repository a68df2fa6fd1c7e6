package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel experiments}: A/B experiments on a database. A group without work of its own; to add a
 * subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    description = {
      "Experiments: 'create' defines one (arms and their weights, who is eligible, the primary metric and its "
          + "window), 'start' and 'stop' open and close its exposures, 'list' shows them all, 'assign' prints "
          + "customers' arms (the same on every call: a hash of the experiment's name and the customer's id), "
          + "'expose' records the customers the host exposed, 'analyze' prints the results per arm with the "
          + "tests against the control, and 'sample-size' works out the customers an experiment needs."
    })
final class ExperimentsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: use 'experiments create', 'start', 'stop', 'list', 'assign', 'expose', 'analyze' or"
            + " 'sample-size'");
  }
}

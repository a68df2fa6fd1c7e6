package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel models}: the versioned model runs stored in a database. A group without work of its own; to add
 * a subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Model runs in a database: 'refresh' fits the customer-value models (purchases, P(alive), spend) on the "
          + "stored purchases, backtests them on a holdout, scores every customer and makes the run the active "
          + "one, which profiles then show; 'list' lists the runs."
    })
final class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: use 'models refresh' or 'models list'");
  }
}

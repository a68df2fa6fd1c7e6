package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel clv}: the customer-lifetime-value commands. A group without work of its own; each subcommand
 * reads a transaction file into memory ({@link ClvInput}) and works on its calibration summaries. To
 * add a subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = {
      "Customer lifetime value: fits the purchase models (BG/NBD, modified BG/NBD, Pareto/NBD) and the "
          + "Gamma-Gamma spend model on a transaction file and backtests them on a holdout period (fit), or scores "
          + "every customer's P(alive), expected purchases and value over a horizon as CSV (score).",
      "The file is read into memory, as 'custintel import' would store it in an empty database; nothing is "
          + "written to disk."
    })
final class ClvCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: use 'clv fit' or 'clv score'");
  }
}

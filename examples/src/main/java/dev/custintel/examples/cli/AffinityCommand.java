package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel affinity}: product affinity (market-basket analysis) on a basket file. A group without work of
 * its own; to add a subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "affinity",
    mixinStandardHelpOptions = true,
    description = {
      "Product affinity: 'mine' finds the frequent itemsets of a basket file (FP-growth, exact counts) and, with a "
          + "minimum confidence, the association rules between them, as JSON or CSV. The file is read into memory; "
          + "no database is used."
    })
final class AffinityCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: use 'affinity mine'");
  }
}

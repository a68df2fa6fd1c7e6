package dev.custintel.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code custintel campaigns}: campaigns from the active model run. A group without work of its own; to add a
 * subcommand, list it in {@link CustintelCli#GROUPS} and in the usage message of {@link #call()}.
 */
@Command(
    name = "campaigns",
    mixinStandardHelpOptions = true,
    description = {
      "Campaigns: 'retention' lists the at-risk customers most worth winning back, each with their next best "
          + "action and its expected impact, and the totals."
    })
final class CampaignsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: use 'campaigns retention'");
  }
}
